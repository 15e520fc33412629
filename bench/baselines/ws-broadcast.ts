// Baseline: a bare graphql-ws server with the same subscription shape. Each subscriber first gets a
// SUSPENDED status (as Switchboard's replay ends), then `POST /publish?count=N` broadcasts N text
// deltas to every subscriber and completes them all.
import { createServer } from 'node:http';
import { buildSchema } from 'graphql';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { report } from '../lib/processes.ts';

const schema = buildSchema(`
  type ExecutionStatusChanged { seq: Int!, status: String }
  type ExecutionTextDelta { seq: Int!, text: String! }
  union ExecutionStreamEvent = ExecutionStatusChanged | ExecutionTextDelta
  type Query { hello: String }
  type Subscription { executionEvents(executionId: ID!, after: Int): ExecutionStreamEvent! }`);

type Event = { executionEvents: Record<string, unknown> };
const published: Event[] = [];
let ended = false;
let wake!: () => void;
const changed = new Promise<void>((resolve) => (wake = resolve));

async function* executionEvents(): AsyncGenerator<Event> {
  yield { executionEvents: { __typename: 'ExecutionStatusChanged', seq: 5, status: 'SUSPENDED' } };
  let next = 0;
  for (;;) {
    while (next < published.length) yield published[next++];
    if (ended) return;
    await changed;
  }
}

const server = createServer((request, response) => {
  const count = Number(new URL(request.url!, 'http://x').searchParams.get('count'));
  for (let seq = 6; seq < 6 + count; seq++)
    published.push({ executionEvents: { __typename: 'ExecutionTextDelta', seq, text: 'w ' } });
  ended = true;
  wake();
  response.end();
});
useServer(
  { schema, roots: { subscription: { executionEvents } } },
  new WebSocketServer({ server, path: '/graphql' }),
);
server.listen(0, '127.0.0.1', () => {
  report('ready', { port: (server.address() as { port: number }).port });
});
