// Rows about executions: first-word, replay, fanout-1k, fanout-10k.
import { performance } from 'node:perf_hooks';
import type { Client } from 'graphql-ws';
import { bearer, graphql, wsClient } from '../lib/api.ts';
import { medianMs, percentile, within } from '../lib/load.ts';
import { replayedExecutionId } from '../lib/fixtures.ts';
import { cpuMs } from '../lib/processes.ts';
import { ratioOf, type Row } from '../lib/rows.ts';
import { withBaseline } from './http.ts';

const RUNS = 50;

/** Milliseconds from sending `request` to the first chunk of its body holding `marker`. */
async function untilFirst(request: () => Promise<Response>, marker: string) {
  const started = performance.now();
  const response = await request();
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let received = '';
  let first: number | undefined;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    received += value;
    if (first === undefined && received.includes(marker)) first = performance.now() - started;
  }
  if (first === undefined) throw new Error(`no ${marker} in ${received.slice(0, 500)}`);
  return first;
}

export const firstWord: Row = async ({ server, fixtures, fakeModelUrl }) => {
  const { createAgent } = await graphql(
    server.url,
    fixtures.key,
    'mutation ($c: RunConfigInput!) { createAgent(name: "first-word") { id } createAgentVersion(agentName: "first-word", name: "v1", runConfig: $c) { id } }',
    { c: { provider: { type: 'OPENAI_COMPATIBLE', baseUrl: fakeModelUrl, model: 'fake-model' } } },
  );
  const model: number[] = [];
  const switchboard: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    model.push(
      await untilFirst(
        () =>
          fetch(`${fakeModelUrl}/chat/completions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              model: 'fake-model',
              stream: true,
              messages: [{ role: 'user', content: `hello ${i}` }],
            }),
          }),
        'data:',
      ),
    );
    switchboard.push(
      await untilFirst(
        () =>
          fetch(`${server.url}/run/api/executions`, {
            method: 'POST',
            headers: bearer(fixtures.key),
            body: JSON.stringify({
              agentId: createAgent.id,
              messages: [{ role: 'user', content: `hello ${i}` }],
            }),
          }),
        'event: text_delta',
      ),
    );
  }
  const p99 = percentile(switchboard, 99);
  return [
    {
      row: 'first-word p99',
      figure: p99,
      unit: 'ms',
      baseline: percentile(model, 99),
      baselineName: 'the fake model’s own first chunk, p99',
      ratio: ratioOf(p99, percentile(model, 99)),
      goal: '< 20 ms',
      pass: p99 < 20,
      note: `${RUNS} sequential runs; p50 ${percentile(switchboard, 50).toFixed(1)} ms`,
    },
  ];
};

const SUBSCRIPTION =
  'subscription ($id: ID!) { executionEvents(executionId: $id) { __typename ... on ExecutionTextDelta { seq } ... on ExecutionStatusChanged { status } } }';

/** A graphql-ws error: GraphQL errors, or the close event (whose code and reason are getters). */
const describe = (error: unknown) => {
  const { code, reason } = error as { code?: number; reason?: string };
  return code === undefined ? JSON.stringify(error) : `socket closed: ${code} ${reason}`;
};

/** Follows one execution to its end; resolves with how many events arrived. */
function follow(
  client: Client,
  executionId: string,
  onEvent: (event: Record<string, unknown>) => void = () => {},
) {
  return new Promise<number>((resolve, reject) => {
    let count = 0;
    client.subscribe(
      { query: SUBSCRIPTION, variables: { id: executionId } },
      {
        next: (message) => {
          count += 1;
          if (!message.data) return reject(new Error(JSON.stringify(message.errors)));
          onEvent(message.data.executionEvents as Record<string, unknown>);
        },
        error: (error) => reject(error instanceof Error ? error : new Error(describe(error))),
        complete: () => resolve(count),
      },
    );
  });
}

export const replay: Row = async ({ server, fixtures, rawReads }) => {
  const client = wsClient(server.url, fixtures.key);
  try {
    const ms = await medianMs(3, async () => {
      const count = await within(60_000, () => 'replay', follow(client, replayedExecutionId));
      if (count !== 10_000) throw new Error(`replayed ${count} events`);
    });
    const raw = rawReads.journal;
    return [
      {
        row: 'replay',
        figure: ms,
        unit: 'ms',
        baseline: raw,
        baselineName: 'raw read of the 10,000 journal rows',
        ratio: ratioOf(ms, raw),
        goal: '≤ 2× the raw read',
        pass: ms <= 2 * raw,
      },
    ];
  } finally {
    await client.dispose();
  }
};

interface FanOut {
  /** From the trigger to the last subscriber's end. */
  totalMs: number;
  /** Per live event (text delta): last subscriber's arrival − first subscriber's arrival. */
  spreads: number[];
  liveEvents: number;
  /** The server's CPU time from the trigger to the last subscriber's end (when its pid is known). */
  serverCpuMs?: number;
  /** Set when the subscribers had not all finished within FAN_OUT_LIMIT_MS. */
  unfinished?: string;
}

/** A fan-out still running after this is reported as unfinished, with how far it got. */
const FAN_OUT_LIMIT_MS = 120_000;

/** `subscribers` subscriptions over `connections` sockets; `trigger` once each saw SUSPENDED. */
async function fanOut(
  url: string,
  key: string | undefined,
  executionId: string,
  subscribers: number,
  connections: number,
  trigger: () => Promise<void>,
  serverPid?: number,
): Promise<FanOut> {
  const clients = Array.from({ length: connections }, () => wsClient(url, key));
  try {
    // Every connection is acknowledged before the subscriptions start: a server busy with
    // thousands of subscribes may otherwise read a later connection's init after its 3 s limit.
    await within(
      120_000,
      () => `${connections} connections opening`,
      Promise.all(clients.map((client) => new Promise((opened) => client.on('connected', opened)))),
    );
    const arrivals = new Map<unknown, [number, number]>();
    let suspended = 0;
    let wanted = 0;
    let enoughSuspended = () => {};
    const onEvent = (event: Record<string, unknown>) => {
      if (event.status === 'SUSPENDED' && ++suspended === wanted) enoughSuspended();
      if (event.__typename !== 'ExecutionTextDelta') return;
      const now = performance.now();
      const seen = arrivals.get(event.seq);
      if (seen) seen[1] = now;
      else arrivals.set(event.seq, [now, now]);
    };
    let finished = 0;
    let received = 0;
    const progress = () => `${suspended} suspended, ${finished} finished, ${received} events`;
    const following: Promise<unknown>[] = [];
    // One connection's subscriptions at a time, each set replayed before the next: thousands of
    // subscribes at once overrun a loaded server's database pool. What is measured starts after.
    for (let c = 0; c < connections; c++) {
      const ready = new Promise<void>((resolve) => (enoughSuspended = resolve));
      for (let i = c; i < subscribers; i += connections) {
        wanted += 1;
        following.push(
          follow(clients[c], executionId, (event) => {
            received += 1;
            onEvent(event);
          }).then(() => (finished += 1)),
        );
      }
      // A subscription that fails ends the wait at once.
      await within(
        120_000,
        () => `${subscribers} subscribers waiting (${progress()})`,
        Promise.race([ready, Promise.all(following)]),
      );
    }
    const ended = Promise.all(following);
    const cpuBefore = serverPid && cpuMs(serverPid);
    const started = performance.now();
    await trigger();
    const finishedInTime = await within(FAN_OUT_LIMIT_MS, () => '', ended).then(
      () => true,
      () => false,
    );
    return {
      totalMs: performance.now() - started,
      serverCpuMs: serverPid && cpuMs(serverPid) - cpuBefore!,
      unfinished: finishedInTime
        ? undefined
        : `unfinished after ${FAN_OUT_LIMIT_MS / 1000} s: ${progress()}`,
      spreads: [...arrivals.values()].map(([first, last]) => last - first),
      liveEvents: arrivals.size,
    };
  } finally {
    await Promise.all(clients.map((client) => client.dispose()));
  }
}

/** A run suspended on an approval, which then streams `words` words to every subscriber. */
async function fanOutRun(
  { server, fixtures }: Parameters<Row>[0],
  name: string,
  words: number,
  subscribers: number,
  connections: number,
) {
  const { createAgent } = await graphql(
    server.url,
    fixtures.key,
    `mutation ($c: RunConfigInput!) { createAgent(name: "${name}") { id } createAgentVersion(agentName: "${name}", name: "v1", runConfig: $c) { id } }`,
    {
      c: {
        provider: {
          type: 'SCRIPTED',
          turns: [
            { toolCalls: [{ name: 'go', arguments: {} }] },
            { text: Array.from({ length: words }, (_, i) => `w${i}`).join(' ') },
          ],
        },
        tools: [
          { name: 'go', requiresApproval: true, executor: { type: 'BUILTIN', name: 'ECHO' } },
        ],
      },
    },
  );
  const { createExecution } = await graphql(
    server.url,
    fixtures.key,
    'mutation ($a: ID) { createExecution(input: { agentId: $a, messages: [{ role: "user", content: "go" }] }) { id } }',
    { a: createAgent.id },
  );
  const measured = await fanOut(
    server.url,
    fixtures.key,
    createExecution.id,
    subscribers,
    connections,
    () =>
      graphql(
        server.url,
        fixtures.key,
        'mutation ($e: ID!) { approveToolCall(executionId: $e, toolCallId: "call_1_1", approved: true) { success } }',
        { e: createExecution.id },
      ),
    server.pid,
  );
  const bare = await withBaseline('baselines/ws-broadcast.ts', {}, (url) =>
    fanOut(url, undefined, 'bare', subscribers, connections, async () => {
      // What the run streamed, or, when it did not finish, what it would have.
      const count = measured.unfinished ? words : measured.liveEvents;
      await fetch(`${url}/publish?count=${count}`, { method: 'POST' });
    }),
  );
  return { measured, bare };
}

export const fanOut1k: Row = async (context) => {
  const { measured, bare } = await fanOutRun(context, 'fan-out-1k', 200, 1000, 20);
  return [
    {
      row: 'fanout-1k',
      figure: measured.totalMs,
      unit: 'ms',
      baseline: bare.totalMs,
      baselineName: 'bare graphql-ws broadcast, same events',
      ratio: ratioOf(measured.totalMs, bare.totalMs),
      goal: '< 1,000 ms',
      pass: !measured.unfinished && measured.totalMs < 1000,
      note: `1,000 subscribers on 20 connections, ${measured.liveEvents} text deltas each; server CPU ${measured.serverCpuMs} ms${measured.unfinished ? `; ${measured.unfinished}` : ''}`,
    },
  ];
};

export const fanOut10k: Row = async (context) => {
  const oneThousand = context.results.get('fanout-1k')?.[0];
  if (oneThousand && !(oneThousand.figure < 20_000))
    return [
      {
        row: 'fanout-10k p99 per event',
        figure: NaN,
        unit: 'ms',
        goal: '< 100 ms',
        pass: false,
        note: `skipped: fanout-1k took ${(oneThousand.figure / 1000).toFixed(0)} s or more, 10,000 would take minutes`,
      },
    ];
  const { measured, bare } = await fanOutRun(context, 'fan-out-10k', 20, 10_000, 50);
  const p99 = percentile(measured.spreads, 99);
  const bareP99 = percentile(bare.spreads, 99);
  return [
    {
      row: 'fanout-10k p99 per event',
      figure: p99,
      unit: 'ms',
      baseline: bareP99,
      baselineName: 'bare graphql-ws broadcast, same events',
      ratio: ratioOf(p99, bareP99),
      goal: '< 100 ms',
      pass: !measured.unfinished && p99 < 100,
      note: `10,000 subscribers on 50 connections, ${measured.liveEvents} text deltas; ${measured.unfinished ?? `all done in ${measured.totalMs.toFixed(0)} ms`} (bare ${bare.totalMs.toFixed(0)} ms); server CPU ${measured.serverCpuMs} ms`,
    },
  ];
};
