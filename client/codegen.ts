import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents for a frontend: `graphql(\`...\`)` in src/**/*.ts is typed from Switchboard's
// schema, the repository's schema.graphql or, with SWITCHBOARD_SCHEMA, a running server's /graphql
// (introspection needs no key). Run from this directory: `npx graphql-codegen --config codegen.ts`.
const config: CodegenConfig = {
  schema: process.env.SWITCHBOARD_SCHEMA ?? '../schema.graphql',
  documents: ['src/**/*.ts', '!src/gql/**'],
  ignoreNoDocuments: true,
  // Imports with extensions, which both bundlers and Node's own resolution accept.
  emitLegacyCommonJSImports: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Documents as strings: plain fetch sends them without a GraphQL runtime.
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSON: 'unknown', JSONObject: 'Record<string, unknown>' },
      },
    },
  },
};

export default config;
