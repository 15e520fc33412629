// `prisma generate` without Prisma's engine download: the CLI only checks that an engine
// binary exists before every command, and generate never runs it (shared/prisma-offline.md).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const placeholderEngine = fileURLToPath(new URL('./no-schema-engine.sh', import.meta.url));
const result = spawnSync('npx', ['prisma', 'generate'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: placeholderEngine,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  },
});
process.exit(result.status ?? 1);
