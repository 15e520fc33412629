import { defineConfig } from 'prisma/config';

// Migrations are applied by src/db/migrate.ts through the WebAssembly schema engine,
// so the CLI is only used for `generate`.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
