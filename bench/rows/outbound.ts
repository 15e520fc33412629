// Rows about webhooks in and out: webhook (signature + schema to the 202), deliveries (msg/s).
import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { graphql } from '../lib/api.ts';
import { load, SECONDS } from '../lib/load.ts';
import { runScript, spawnScript } from '../lib/processes.ts';
import { ratioOf, type Row } from '../lib/rows.ts';
import { restIngestRate } from './http.ts';

export const webhook: Row = async (context) => {
  const { server, fixtures } = context;
  const { createAgent } = await graphql(
    server.url,
    fixtures.key,
    'mutation { createAgent(name: "webhooks") { id } }',
  );
  const { createCredential } = await graphql(
    server.url,
    fixtures.key,
    'mutation { createCredential(name: "bench") { secret credential { id } } }',
  );
  const { createTrigger } = await graphql(
    server.url,
    fixtures.key,
    'mutation ($a: ID!, $i: CreateTriggerInput!) { createTrigger(agentId: $a, input: $i) { webhookUrl } }',
    {
      a: createAgent.id,
      i: {
        name: 'bench',
        inputSchema: {
          type: 'object',
          required: ['action', 'number'],
          properties: { action: { type: 'string' }, number: { type: 'integer' } },
        },
        messageTemplate: 'Pull request {{number}} was {{action}}',
        signatureVerification: {
          signature: { source: 'HEADER', key: 'X-Hub-Signature-256', prefix: 'sha256=' },
        },
        signingSecretCredentialReferenceId: createCredential.credential.id,
      },
    },
  );
  const body = JSON.stringify({ action: 'opened', number: 42, title: 'x'.repeat(200) });
  const signature = createHmac('sha256', createCredential.secret).update(body).digest('hex');
  const options = {
    url: `${server.url}${new URL(createTrigger.webhookUrl).pathname}`,
    headers: { 'content-type': 'application/json', 'X-Hub-Signature-256': `sha256=${signature}` },
    body,
  };
  const paced = await load({ ...options, overallRate: 200 });
  const flat = await load(options);
  const rest = await restIngestRate(context);
  const ratio = ratioOf(flat.requestsPerSecond, rest);
  return [
    {
      row: 'webhook p99 at 200 req/s',
      figure: paced.p99,
      unit: 'ms',
      goal: '< 20 ms',
      pass: paced.p99 < 20 && paced.requestsPerSecond > 190,
      note: `${paced.requestsPerSecond.toFixed(0)} req/s answered${paced.requestsPerSecond ? '' : ` (none within ${SECONDS} s)`}`,
    },
    {
      row: 'webhook throughput',
      figure: flat.requestsPerSecond,
      unit: 'req/s',
      baseline: rest,
      baselineName: 'POST /run/v1/events (this run)',
      ratio,
      goal: '≥ 0.5× REST ingest',
      pass: (ratio ?? 0) >= 0.5,
      note: flat.requestsPerSecond ? `p99 ${flat.p99} ms` : `none answered within ${SECONDS} s`,
    },
  ];
};

const MESSAGES = 5000;

export const deliveries: Row = async ({ server, fixtures, log }) => {
  const receiver = spawnScript('support/receiver.ts');
  try {
    const { port } = await receiver.line<{ port: number }>('ready');
    const receiverUrl = `http://127.0.0.1:${port}`;
    const received = async () => Number(await (await fetch(`${receiverUrl}/count`)).text());
    const ceiling = await runScript<{ messagesPerSecond: number }>('baselines/sender.ts', {
      BENCH_RECEIVER: receiverUrl,
      BENCH_MESSAGES: String(MESSAGES),
    });
    await graphql(
      server.url,
      fixtures.key,
      'mutation ($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { secret } }',
      {
        i: {
          url: `${receiverUrl}/hook`,
          eventTypes: ['EVENT_CREATED'],
          appEventTypes: ['bench.delivery'],
        },
      },
    );
    const before = await received();
    const started = performance.now();
    for (let batch = 0; batch < MESSAGES / 1000; batch++)
      await graphql(
        server.url,
        fixtures.key,
        'mutation ($inputs: [LogEventInput!]!) { logEvents(inputs: $inputs) { created } }',
        { inputs: Array.from({ length: 1000 }, () => ({ type: 'bench.delivery' })) },
      );
    const deadline = started + 60_000;
    let count = 0;
    while ((count = (await received()) - before) < MESSAGES && performance.now() < deadline)
      await new Promise((wake) => setTimeout(wake, 20));
    const seconds = (performance.now() - started) / 1000;
    if (count < MESSAGES) log(`deliveries: only ${count} of ${MESSAGES} arrived in 60 s`);
    const rate = count / seconds;
    return [
      {
        row: 'deliveries',
        figure: rate,
        unit: 'msg/s',
        baseline: ceiling.messagesPerSecond,
        baselineName: 'undici keep-alive pool to the same receiver',
        ratio: ratioOf(rate, ceiling.messagesPerSecond),
        goal: '≥ 2,000 msg/s',
        pass: rate >= 2000,
        note: `${count} of ${MESSAGES} messages (5 logEvents batches of 1,000) in ${seconds.toFixed(1)} s`,
      },
    ];
  } finally {
    await receiver.stop();
  }
};
