// `npm run migrate`: applies the pending migrations of prisma/migrations to the database the server
// uses (DATABASE_URL, else the embedded PGlite in DATA_DIR, default ./.switchboard) and prints them.
import { configSchema } from '../src/config.ts';
import { openDatabase } from '../src/db/adapters.ts';
import { applyMigrations } from '../src/db/migrate.ts';

async function main(): Promise<void> {
  // The same two settings, with the same rules and defaults, as the server (src/config.ts).
  const settings = configSchema.pick({ DATABASE_URL: true, DATA_DIR: true }).safeParse(process.env);
  if (!settings.success) {
    throw new Error(settings.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; '));
  }
  const { DATABASE_URL: databaseUrl, DATA_DIR: dataDir } = settings.data;
  const db = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir });
  try {
    const applied = await applyMigrations(db.adapterFactory);
    const where = databaseUrl ? 'PostgreSQL' : `PGlite in ${dataDir}`;
    if (applied.length === 0) console.log(`${where}: up to date, no migration applied`);
    else console.log(`${where}: applied ${applied.length} migration(s):\n${applied.map((n) => `  ${n}`).join('\n')}`);
  } finally {
    await db.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`migrate failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
