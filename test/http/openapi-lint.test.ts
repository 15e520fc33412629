import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/switchboard.ts';

const run = promisify(execFile);

let server: TestServer;
let workDir: string;
beforeAll(async () => {
  server = await startServer({ env: { PUBLIC_BASE_URL: 'https://switchboard.acme.test/' } });
  workDir = await mkdtemp(join(tmpdir(), 'openapi-lint-'));
});
afterAll(async () => {
  await server?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: string; message: string }[];
}

describe('/openapi.json', () => {
  it('names the public base URL as its server', async () => {
    const document = await (await fetch(`${server.url}/openapi.json`)).json();
    expect(document.servers).toEqual([{ url: 'https://switchboard.acme.test' }]);
  });

  // Warnings too: an example that does not fit its schema is one (no-invalid-media-type-examples).
  it('passes `redocly lint` (redocly.yaml: the recommended rules) with no errors or warnings', async () => {
    const file = join(workDir, 'openapi.json');
    await writeFile(file, await (await fetch(`${server.url}/openapi.json`)).text());
    // The CLI exits 1 on errors; its JSON report says which.
    const result = await run(
      'node_modules/.bin/redocly',
      ['lint', file, '--config', 'redocly.yaml', '--format', 'json'],
      { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
    ).then(
      ({ stdout }) => ({ exitCode: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ exitCode: error.code, stdout: error.stdout }),
    );
    const report = JSON.parse(result.stdout) as LintReport;
    expect(report.problems.map(({ ruleId, message }) => `${ruleId}: ${message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    expect(result.exitCode).toBe(0);
  }, 60_000);
});
