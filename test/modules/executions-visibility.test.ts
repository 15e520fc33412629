import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { print } from 'graphql';
import { graphql } from '../gql/index.ts';
import { eventually, startServer, type TestServer } from '../support/switchboard.ts';

const CreateVisibleRunAgent = graphql(`
  mutation CreateVisibleRunAgent($runConfig: RunConfigInput!) {
    createAgent(name: "visible-bot") {
      id
    }
    createAgentVersion(agentName: "visible-bot", name: "v1", runConfig: $runConfig) {
      id
    }
  }
`);

const CreateVisibleRun = graphql(`
  mutation CreateVisibleRun($input: CreateExecutionInput!) {
    createExecution(input: $input) {
      id
    }
  }
`);

const ApproveVisibleRun = graphql(`
  mutation ApproveVisibleRun($executionId: ID!, $toolCallId: String!) {
    approveToolCall(executionId: $executionId, toolCallId: $toolCallId, approved: true) {
      success
    }
  }
`);

const VisibleRunUpdates = graphql(`
  subscription VisibleRunUpdates($filter: ExecutionFilter) {
    executionUpdated(filter: $filter) {
      id
      status
      journalLength
    }
  }
`);

const VisibleRunJournal = graphql(`
  subscription VisibleRunJournal($executionId: ID!) {
    executionEvents(executionId: $executionId) {
      __typename
      ... on ExecutionStatusChanged {
        seq
        status
      }
      ... on ExecutionTextDelta {
        seq
      }
      ... on ExecutionToolCallRequested {
        seq
      }
      ... on ExecutionApprovalRequested {
        seq
      }
      ... on ExecutionApprovalDecided {
        seq
      }
      ... on ExecutionToolResult {
        seq
      }
      ... on ExecutionFinished {
        seq
      }
    }
  }
`);

let server: TestServer;
let key: string;

beforeAll(async () => {
  // METRICS_PORT serves /metrics without a token: the test waits on its count of live subscriptions.
  server = await startServer({ env: { METRICS_PORT: '0' } });
  key = (await server.newTenant('visibility')).key;
});

/** Waits until the server runs `count` subscriptions (a subscriber sees what is published after). */
const subscriptionsLive = (count: number) =>
  eventually(
    async () =>
      (await (await fetch(server.metricsUrl!)).text())
        .split('\n')
        .includes(`switchboard_graphql_subscriptions_active ${count}`),
    `${count} live subscriptions`,
  );
afterAll(() => server?.stop());

describe('what subscribers see of a run', () => {
  it('is already in the database when it reaches them: every status and every journal entry', async () => {
    const agent = await server.graphql(
      CreateVisibleRunAgent,
      {
        runConfig: {
          provider: {
            type: 'SCRIPTED',
            turns: [
              { text: 'Let me refund that.', toolCalls: [{ name: 'refund', arguments: {} }] },
              { text: 'Refunded, all done.' },
            ],
          },
          tools: [
            { name: 'refund', requiresApproval: true, executor: { type: 'BUILTIN', name: 'ECHO' } },
          ],
        },
      },
      { key },
    );
    expect(agent.errors).toBeUndefined();
    const agentId = agent.data!.createAgent.id;
    const { prisma } = server.switchboard.services;
    // Each message is checked against the database the moment it arrives, before anything else runs.
    const checks: Promise<string | null>[] = [];
    const statuses: string[] = [];
    const client = server.wsClient(key);
    const updates = new Promise<void>((resolve, reject) =>
      client.subscribe(
        { query: print(VisibleRunUpdates), variables: { filter: { agentId } } },
        {
          next: ({ data }) => {
            const update = (
              data as { executionUpdated: { id: string; status: string; journalLength: number } }
            ).executionUpdated;
            statuses.push(update.status);
            checks.push(
              prisma.executionEvent
                .findFirst({
                  where: {
                    executionId: update.id,
                    type: 'status_changed',
                    seq: { lte: update.journalLength },
                  },
                  orderBy: { seq: 'desc' },
                })
                .then((entry) =>
                  (entry?.data as { status?: string } | undefined)?.status?.toUpperCase() ===
                  update.status
                    ? null
                    : `${update.status} at ${update.journalLength} published before it committed`,
                ),
            );
            if (update.status === 'COMPLETED') resolve();
          },
          error: reject,
          complete: () => {},
        },
      ),
    );
    // A run faster than the subscription's start would be seen from its middle.
    await subscriptionsLive(1);

    const created = await server.graphql(
      CreateVisibleRun,
      { input: { agentId, messages: [{ role: 'user', content: 'Refund me' }] } },
      { key },
    );
    const executionId = created.data!.createExecution.id;
    const journal = new Promise<number[]>((resolve, reject) => {
      const seqs: number[] = [];
      client.subscribe(
        { query: print(VisibleRunJournal), variables: { executionId } },
        {
          next: ({ data }) => {
            const entry = (data as { executionEvents: { seq: number; status?: string } })
              .executionEvents;
            seqs.push(entry.seq);
            checks.push(
              prisma.executionEvent
                .findUnique({ where: { executionId_seq: { executionId, seq: entry.seq } } })
                .then((stored) => (stored ? null : `journal entry ${entry.seq} not committed`)),
            );
            if (entry.status === 'SUSPENDED')
              void server.graphql(
                ApproveVisibleRun,
                { executionId, toolCallId: 'call_1_1' },
                { key },
              );
          },
          error: reject,
          complete: () => resolve(seqs),
        },
      );
    });
    const seqs = await journal;
    await updates;
    expect(await Promise.all(checks)).toEqual(checks.map(() => null));
    expect(seqs).toEqual(seqs.map((_, index) => index + 1));
    expect(statuses).toEqual(['QUEUED', 'RUNNING', 'SUSPENDED', 'QUEUED', 'RUNNING', 'COMPLETED']);
  });
});
