// `npm run migrate`: applies the pending migrations of prisma/migrations to the database the server
// uses (DATABASE_URL, else the embedded PGlite in DATA_DIR/pglite, DATA_DIR defaulting to ./.switchboard) and prints them.
import { configSchema, databaseLocation } from '../src/kernel/config.ts';
import { openDatabase } from '../src/db/adapters.ts';
import { applyMigrations } from '../src/db/migrate.ts';

async function main(): Promise<void> {
  // The same database settings, with the same rules and defaults, as the server (src/kernel/config.ts).
  const settings = configSchema
    .pick({ DATABASE_URL: true, DATA_DIR: true, DATABASE_CONNECT_TIMEOUT_MS: true })
    .safeParse(process.env);
  if (!settings.success) {
    throw new Error(
      settings.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; '),
    );
  }
  const location = databaseLocation(settings.data);
  const db = await openDatabase(location);
  try {
    const applied = await applyMigrations(db.adapterFactory);
    const where = location.databaseUrl ? 'PostgreSQL' : `PGlite in ${location.dataDir}`;
    if (applied.length === 0) console.log(`${where}: up to date, no migration applied`);
    else
      console.log(
        `${where}: applied ${applied.length} migration(s):\n${applied.map((n) => `  ${n}`).join('\n')}`,
      );
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
