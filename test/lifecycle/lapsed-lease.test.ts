// A runner whose lease lapses while it still runs (its heartbeat came late: a blocked event loop)
// must not claim its own execution again: a second run under the same worker id would pass every
// lease check and stream the answer twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { eventually, startServer, type TestServer } from '../support/switchboard.ts';

const CreateLapsingAgent = graphql(`
  mutation CreateLapsingAgent($runConfig: RunConfigInput!) {
    createAgent(name: "lapsing-bot") {
      id
    }
    createAgentVersion(agentName: "lapsing-bot", name: "v1", runConfig: $runConfig) {
      id
    }
  }
`);
const StartLapsingRun = graphql(`
  mutation StartLapsingRun($input: CreateExecutionInput!) {
    createExecution(input: $input) {
      id
    }
  }
`);
const LapsingRunState = graphql(`
  query LapsingRunState($id: ID!) {
    execution(id: $id) {
      status
    }
  }
`);

const WORDS = 'one two three four five six seven eight';
let server: TestServer;
let key: string;

beforeAll(async () => {
  server = await startServer({ env: { EXECUTION_LEASE_MS: '300', EXECUTION_POLL_MS: '10' } });
  key = (await server.newTenant('lapsing')).key;
});
afterAll(() => server?.stop());

/** Holds this process's event loop, where the in-process server's heartbeat timers wait too. */
function blockEventLoop(ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

describe('a lease that lapses while its run goes on', () => {
  it('is renewed by the same run, never claimed again by its own runner: every word once', async () => {
    const runConfig = {
      provider: { type: 'SCRIPTED' as const, turns: [{ text: WORDS, delayMs: 120 }] },
    };
    const agent = await server.graphql(CreateLapsingAgent, { runConfig }, { key });
    expect(agent.errors).toBeUndefined();
    const started = await server.graphql(
      StartLapsingRun,
      {
        input: {
          agentId: agent.data!.createAgent.id,
          messages: [{ role: 'user', content: 'count' }],
        },
      },
      { key },
    );
    const id = started.data!.createExecution.id;
    for (let round = 0; round < 4; round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      blockEventLoop(450);
    }
    await eventually(
      async () =>
        (await server.graphql(LapsingRunState, { id }, { key })).data?.execution?.status ===
        'COMPLETED',
      'the run to complete',
      15_000,
    );
    const journal = await server.switchboard.services.prisma.executionEvent.findMany({
      where: { executionId: id },
      orderBy: { seq: 'asc' },
    });
    const text = journal
      .filter((entry) => entry.type === 'text_delta')
      .map((entry) => (entry.data as { text: string }).text);
    expect(text.join('')).toBe(WORDS);
    expect(journal.filter((entry) => entry.type === 'finished')).toHaveLength(1);
  });
});
