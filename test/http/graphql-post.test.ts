import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/switchboard.ts';

// A POST /graphql with a declared length is answered straight from the socket; one whose body is
// streamed (no Content-Length) goes through the app. Both must answer alike.
let server: TestServer;
let key: string;
beforeAll(async () => {
  server = await startServer({ env: { CORS_ORIGINS: 'https://app.example' } });
  ({ key } = await server.newTenant('graphql-post'));
});
afterAll(() => server?.stop());

const post = (text: string, headers: Record<string, string>, streamed: boolean) =>
  fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: streamed ? new Blob([text]).stream() : text,
    duplex: 'half',
  } as RequestInit);

const SHOWN = [
  'content-type',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-expose-headers',
  'vary',
  'retry-after',
];
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function answer(text: string, headers: Record<string, string>, streamed: boolean) {
  const response = await post(text, headers, streamed);
  expect(response.headers.get('x-request-id')).toMatch(uuid);
  const requestId = response.headers.get('x-request-id');
  const correlationId = response.headers.get('x-correlation-id');
  return {
    status: response.status,
    headers: Object.fromEntries(SHOWN.map((name) => [name, response.headers.get(name)])),
    // Without one of the client's, a request's correlation id is its request id.
    correlationId: correlationId === requestId ? 'its request id' : correlationId,
    body: await response.text(),
  };
}

describe('POST /graphql, from the socket and through the app', () => {
  it.each([
    ['an answer', { query: '{ viewer { kind } }' }, {}],
    [
      'a CORS origin and a correlation id',
      { query: '{ viewer { kind } }' },
      { origin: 'https://app.example', 'x-correlation-id': 'corr-1' },
    ],
    ['an unknown origin', { query: '{ viewer { kind } }' }, { origin: 'https://other.example' }],
    ['a bad key', { query: '{ viewer { kind } }' }, { authorization: 'Bearer nope' }],
    ['a syntax error', { query: '{ viewer { ' }, {}],
    ['a batch', [{ query: '{ viewer { kind } }' }, { query: '{ a: viewer { kind } }' }], {}],
    ['an unknown variable type', { query: 'query ($x: Nope) { viewer { kind } }' }, {}],
  ])('answers %s alike', async (_, body, headers) => {
    const sent = { authorization: `Bearer ${key}`, ...headers };
    const text = JSON.stringify(body);
    const direct = await answer(text, sent, false);
    const throughApp = await answer(text, sent, true);
    expect(direct).toEqual(throughApp);
  });

  it('answers a body that is not JSON alike', async () => {
    const sent = { authorization: `Bearer ${key}` };
    const direct = await answer('{"query": ', sent, false);
    expect(direct.status).toBe(400);
    expect(direct).toEqual(await answer('{"query": ', sent, true));
  });
});

describe('POST /graphql while the server drains', () => {
  it('is refused with 503, as every other request', async () => {
    const draining = await startServer();
    const { key: drainingKey } = await draining.newTenant('draining');
    const stopped = draining.stop();
    const response = await fetch(`${draining.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${drainingKey}` },
      body: JSON.stringify({ query: '{ viewer { kind } }' }),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('x-request-id')).toMatch(uuid);
    await stopped;
  });
});
