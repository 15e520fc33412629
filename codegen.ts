import type { CodegenConfig } from '@graphql-codegen/cli';

const typedDocuments = {
  preset: 'client',
  presetConfig: { fragmentMasking: false },
  config: {
    useTypeImports: true,
    enumsAsTypes: true,
    scalars: { DateTime: 'string', JSON: 'unknown', JSONObject: 'Record<string, unknown>' },
  },
} as const;

// Typed documents from schema.graphql: `graphql(\`...\`)` in test/**/*.ts for the tests, and in
// console/src for the web console (generated at build, not committed).
const config: CodegenConfig = {
  schema: 'schema.graphql',
  ignoreNoDocuments: true,
  // Imports with extensions, as the project's NodeNext module resolution wants.
  emitLegacyCommonJSImports: false,
  generates: {
    'test/gql/': { ...typedDocuments, documents: ['test/**/*.ts', '!test/gql/**'] },
    'console/src/gql/': {
      ...typedDocuments,
      documents: ['console/src/**/*.{ts,tsx}', '!console/src/gql/**'],
    },
  },
};

export default config;
