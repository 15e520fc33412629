// `npm run build`: the Prisma client generated into src/generated, then src/ compiled to dist/ so
// that `npm start` runs plain `node dist/main.js`, then the web console's typed documents and its
// Vite build into dist/console (served at /console). Types are checked by `npm run typecheck`, not
// here (--noCheck): the compile then takes seconds, and it runs at every `npm install` and before
// `npm test` (test/deploy runs dist/).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const step = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

step(process.execPath, ['scripts/prisma-generate.mjs']);
// A source file deleted since the last build must not linger in dist/ and still be imported.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
step(process.execPath, [
  'node_modules/typescript/bin/tsc',
  '-p',
  'tsconfig.build.json',
  '--noCheck',
]);
step(process.execPath, [
  'node_modules/@graphql-codegen/cli/cjs/bin.js',
  '--config',
  'codegen.ts',
  '--silent',
]);
step(process.execPath, [
  'node_modules/vite/bin/vite.js',
  'build',
  '--config',
  'console/vite.config.ts',
  '--logLevel',
  'warn',
]);
