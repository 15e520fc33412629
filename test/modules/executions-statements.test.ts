// What a run costs the database: a model that streams faster than the journal is written has its
// pieces journaled together, each still its own entry, numbered in order and published once
// committed; a run of one answer reads what it runs in its claim and ends with its last step; and
// a run is queued by one statement, claimed by one and started by one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvents } from '../support/sse.ts';
import { startServer, type TestServer } from '../support/switchboard.ts';

let server: TestServer;
let key: string;
let statements: string[] = [];

beforeAll(async () => {
  server = await startServer({ onQuery: (sql) => statements.push(sql) });
  key = (await server.newTenant('statements')).key;
});
afterAll(() => server?.stop());

async function rest(path: string, body: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBeLessThan(300);
  return response;
}

/** An agent whose one answer is `text`, streamed word by word as fast as the runner reads. */
async function agentAnswering(name: string, text: string) {
  await rest('/telemetry/v1/agents', { agent_name: name });
  await rest(`/telemetry/v1/agents/${name}/versions`, {
    agent_version_name: 'v1',
    run_config: { provider: { type: 'scripted', turns: [{ text }] } },
  });
}

/** The run's events from the REST stream, and the statements sent while it ran. */
async function run(agentId: string) {
  statements = [];
  const response = await rest('/run/api/executions', {
    agentId,
    messages: [{ role: 'user', content: 'go' }],
  });
  const events = await readEvents(response);
  return { events, statements: [...statements] };
}

const isJournalAppend = (sql: string) => sql.includes('INSERT INTO "ExecutionEvent"');

describe('a run’s statements', () => {
  it('journals a fast stream’s words together: each word one entry, in order, none lost', async () => {
    const words = Array.from({ length: 200 }, (_, i) => `w${i + 1}`).join(' ');
    await agentAnswering('fast-talker', words);
    const { events, statements } = await run('fast-talker');
    const seqs = events.map((event) => Number(event.id));
    expect(seqs).toEqual(seqs.map((_, index) => index + 1));
    const deltas = events.filter((event) => event.event === 'text_delta');
    expect(deltas).toHaveLength(200);
    expect(deltas.map((event) => JSON.parse(event.data).text).join('')).toBe(words);
    expect(events.at(-1)).toMatchObject({ event: 'finished' });
    // Queued, running, completed and a few writes of words: not one statement per word.
    expect(statements.filter(isJournalAppend).length).toBeLessThan(20);
  });

  it('queues an execution in one statement: conversation, execution, messages, first entry and audit row', async () => {
    await agentAnswering('one-statement', 'done');
    const { events, statements } = await run('one-statement');
    expect(events.at(-1)).toMatchObject({ event: 'finished' });
    const creations = statements.filter((sql) => /INSERT INTO ("public"\.)?"Execution"/.test(sql));
    expect(creations).toHaveLength(1);
    for (const part of ['Conversation', 'ConversationMessage', 'ExecutionEvent', 'AuditEvent'])
      expect(creations[0]).toContain(`INSERT INTO "${part}"`);
  });

  it('starts a run in one statement (its running entry and audit row), before anything the run journals', async () => {
    await agentAnswering('one-statement-start', 'first words');
    const { events, statements } = await run('one-statement-start');
    const statuses = events
      .filter((event) => event.event !== 'text_delta')
      .map((event) => JSON.parse(event.data).status);
    expect(statuses).toEqual(['queued', 'running', 'completed', 'completed']);
    expect(events.map((event) => event.event).slice(0, 3)).toEqual([
      'status_changed',
      'status_changed',
      'text_delta',
    ]);
    const starts = statements.filter(
      (sql) =>
        sql.includes('UPDATE "Execution"') &&
        sql.includes('INSERT INTO "ExecutionEvent"') &&
        sql.includes('INSERT INTO "AuditEvent"'),
    );
    expect(starts).toHaveLength(1);
  });
});

describe('a run’s claims', () => {
  it('claims once per run: not again at once when nothing more is queued, nor when a run ends', async () => {
    let claims = 0;
    // No poll within the test: every claim is one the runner chose to make.
    const quiet = await startServer({
      env: { EXECUTION_POLL_MS: '600000' },
      onQuery: (sql) => void (sql.includes('WITH claimed AS') && (claims += 1)),
    });
    try {
      const tenant = await quiet.newTenant('claims');
      const start = () =>
        fetch(`${quiet.url}/run/api/executions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tenant.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ messages: [{ role: 'user', content: 'hello' }] }),
        }).then((response) => response.text());
      expect(await start()).toContain('event: finished');
      claims = 0;
      for (let i = 0; i < 3; i++) expect(await start()).toContain('event: finished');
      expect(claims).toBe(3);
    } finally {
      await quiet.stop();
    }
  });
});
