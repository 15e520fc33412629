// What every PostgreSQL connection of the pool is set up with before its first query.
import { afterAll, expect, it } from 'vitest';
import { createTestDatabase, testServerUrl, type TestDatabase } from '../support/databases.ts';

let testDb: TestDatabase | undefined;
afterAll(() => testDb?.drop());

it.skipIf(!testServerUrl())('runs without JIT compiling on every pooled connection', async () => {
  testDb = await createTestDatabase({ kind: 'postgres', migrations: false });
  const { prisma } = await testDb.open();
  // Side by side, so that the pool opens several connections.
  const settings = await Promise.all(
    Array.from(
      { length: 4 },
      () =>
        prisma.$queryRaw<
          { jit: string }[]
        >`SELECT current_setting('jit') AS jit FROM pg_sleep(0.05)`,
    ),
  );
  expect(settings.map(([{ jit }]) => jit)).toEqual(['off', 'off', 'off', 'off']);
});
