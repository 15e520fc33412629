import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../src/http/graphiql.ts';
import { eventually, startServer, type TestServer } from '../support/switchboard.ts';

let server: TestServer;
let key: string;
const clients: Client[] = [];

beforeAll(async () => {
  server = await startServer();
  key = (await server.newTenant('graphiql')).key;
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await server?.stop();
});

/** A socket as GraphiQL (yoga's url-loader) opens it: empty connection parameters. */
function graphiqlSocket() {
  const client = createClient({
    url: `${server.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: () => ({}),
    retryAttempts: 0,
  });
  clients.push(client);
  return client;
}

/** A subscribe message as GraphiQL sends it: the Headers tab in `extensions.headers`. */
function subscribeAsGraphiQL(client: Client, query: string, headers: Record<string, string>) {
  const results: FormattedExecutionResult<Record<string, unknown>, unknown>[] = [];
  const failures: unknown[] = [];
  const dispose = client.subscribe(
    { query, extensions: { headers } },
    {
      next: (result) => results.push(result),
      error: (error) => failures.push(error),
      complete: () => {},
    },
  );
  return { results, failures, dispose };
}

const postGraphQL = async (query: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json() };
};

describe('GraphiQL', () => {
  it('opens with the README’s examples as tabs and an Authorization header to fill', async () => {
    const page = await (
      await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } })
    ).text();
    const options = JSON.parse(/renderYogaGraphiQL\([^,]+,\s*(\{.*\}),\s*\);/s.exec(page)![1]);
    expect(options.defaultTabs.map((tab: { query: string }) => tab.query)).toEqual(EXAMPLES);
    expect(JSON.parse(options.headers)).toEqual({ Authorization: 'Bearer ' });
    expect(options.subscriptionsProtocol).toBe('WS');
  });

  it('runs a subscription with the key from the Headers tab', async () => {
    const socket = graphiqlSocket();
    const subscription = subscribeAsGraphiQL(
      socket,
      'subscription { appEventLogged(filter: { type: "graphiql.sent" }) { type } }',
      { Authorization: `Bearer ${key}` },
    );
    // The subscription is live once an event logged now reaches it.
    await eventually(async () => {
      await postGraphQL('mutation { logEvent(input: { type: "graphiql.sent" }) { created } }', {
        authorization: `Bearer ${key}`,
      });
      return subscription.results.length > 0;
    }, 'the event on the subscription');
    expect(subscription.failures).toEqual([]);
    expect(subscription.results[0]).toEqual({
      data: { appEventLogged: { type: 'graphiql.sent' } },
    });
    subscription.dispose();
  });

  it.each([
    ['no key', {}, /^Missing API key/],
    ['the preset header left empty', { Authorization: 'Bearer ' }, /^Missing API key/],
    ['a bad key', { Authorization: 'Bearer sb_nope' }, /invalid or revoked/],
  ])('answers an operation with %s UNAUTHENTICATED', async (_case, headers, message) => {
    const subscription = subscribeAsGraphiQL(
      graphiqlSocket(),
      'subscription { appEventLogged { type } }',
      headers,
    );
    // Refused before it runs (a bad key) as graphql-ws `error`, or by the schema as a result.
    const [error] = await eventually(
      () => subscription.results[0]?.errors ?? (subscription.failures[0] as never[] | undefined),
      'the refusal',
    );
    expect(error.extensions?.code).toBe('UNAUTHENTICATED');
    expect(error.message).toMatch(message);
  });

  it('says a key is missing over HTTP too, and keeps introspection anonymous', async () => {
    const anonymous = await postGraphQL('{ viewer { kind } }');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors[0]).toMatchObject({
      message: 'Missing API key: send "Authorization: Bearer <key>"',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const preset = await postGraphQL('{ viewer { kind } }', { authorization: 'Bearer ' });
    expect(preset.body.errors[0].message).toMatch(/^Missing API key/);
    const introspection = await postGraphQL('{ __schema { queryType { name } } }');
    expect(introspection.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});
