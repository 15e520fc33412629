// Baseline: a bare graphql-yoga hello world answering the same `{ viewer { __typename } }`.
import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';
import { report } from '../lib/processes.ts';

const yoga = createYoga({
  schema: createSchema({
    typeDefs: 'type Viewer { kind: String } type Query { hello: String, viewer: Viewer }',
    resolvers: { Query: { hello: () => 'world', viewer: () => ({ kind: 'KEY' }) } },
  }),
  logging: false,
});
const server = createServer(yoga);
server.listen(0, '127.0.0.1', () => {
  report('ready', { port: (server.address() as { port: number }).port });
});
