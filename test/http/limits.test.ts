import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { startServer, type TestServer } from '../support/switchboard.ts';

const DeepQuery = graphql(`
  query DeepQuery {
    apiKeys {
      edges {
        node {
          project {
            tenant {
              id
            }
          }
        }
      }
    }
  }
`);

let server: TestServer;
let key: string;
beforeAll(async () => {
  server = await startServer({
    env: {
      GRAPHQL_MAX_DEPTH: '5',
      GRAPHQL_MAX_COMPLEXITY: '60',
      GRAPHQL_MAX_BATCH: '3',
      MAX_BODY_BYTES: String(64 * 1024),
      RATE_LIMIT_REQUESTS: '40',
      CORS_ORIGINS: 'https://app.example',
    },
  });
  ({ key } = await server.newTenant('limits'));
});
afterAll(() => server?.stop());

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('abuse limits', () => {
  it('refuses a query deeper than GRAPHQL_MAX_DEPTH', async () => {
    const result = await server.graphql(DeepQuery, {}, { key });
    expect(result.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors?.[0].message).toMatch(/depth \d+ exceeds the limit of 5/);
  });

  it('refuses a query costlier than GRAPHQL_MAX_COMPLEXITY', async () => {
    const fields = (count: number) =>
      Array.from({ length: count }, (_, i) => `v${i}: viewer { kind }`).join(' ');
    const cheap = await (await post({ query: `{ ${fields(10)} }` })).json();
    expect(cheap.errors).toBeUndefined();
    const costly = await (await post({ query: `{ ${fields(40)} }` })).json();
    expect(costly.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(costly.errors[0].message).toMatch(/complexity \d+ exceeds the limit of 60/);
  });

  it('refuses a batch larger than GRAPHQL_MAX_BATCH', async () => {
    const operation = { query: '{ viewer { kind } }' };
    const allowed = await post([operation, operation, operation]);
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toHaveLength(3);
    const refused = await post([operation, operation, operation, operation]);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(JSON.stringify(await refused.json())).toMatch(/batch/i);
  });

  it('refuses a body over MAX_BODY_BYTES with 413', async () => {
    const big = JSON.stringify({
      query: `{ viewer { kind } }`,
      variables: { pad: 'x'.repeat(70 * 1024) },
    });
    const graphqlResponse = await post(big);
    expect(graphqlResponse.status).toBe(413);
    const rest = await fetch(`${server.url}/run/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ type: 'big', properties: { pad: 'x'.repeat(70 * 1024) } }),
    });
    expect(rest.status).toBe(413);
    expect(await rest.json()).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it('refuses a streamed body (no Content-Length) over MAX_BODY_BYTES with 413, and runs a smaller one', async () => {
    const streamed = (text: string) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: new Blob([text]).stream(),
        duplex: 'half',
      } as RequestInit);
    const big = await streamed(
      JSON.stringify({ query: '{ viewer { kind } }', variables: { pad: 'x'.repeat(70 * 1024) } }),
    );
    expect(big.status).toBe(413);
    const small = await streamed(JSON.stringify({ query: '{ viewer { kind } }' }));
    expect(small.status).toBe(200);
    expect(await small.json()).toEqual({ data: { viewer: { kind: 'API_KEY' } } });
  });

  it('gives answers and refusals the CORS headers of their origin', async () => {
    for (const response of [
      await post({ query: '{ viewer { kind } }' }, { origin: 'https://app.example' }),
      await post(
        { query: '{ viewer { kind } }' },
        { origin: 'https://app.example', authorization: 'Bearer nope' },
      ),
    ]) {
      expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
      expect(response.headers.get('access-control-expose-headers')).toBe(
        'X-Request-Id,X-Correlation-Id,Retry-After,Allow',
      );
      expect(response.headers.get('vary')).toContain('Origin');
    }
    const other = await post({ query: '{ viewer { kind } }' }, { origin: 'https://evil.example' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers CORS preflights for configured origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/graphql`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
    const allowed = await preflight('https://app.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('limits each key to RATE_LIMIT_REQUESTS per window with 429 and Retry-After', async () => {
    const { key: limited } = await server.newTenant('rate');
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) {
      const response = await post(
        { query: '{ viewer { kind } }' },
        { authorization: `Bearer ${limited}` },
      );
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(await response.json()).toMatchObject({
          errors: [{ extensions: { code: 'RATE_LIMITED' } }],
        });
      }
    }
    expect(statuses.slice(0, 40).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(40).every((status) => status === 429)).toBe(true);
    const rest = await fetch(`${server.url}/api/v1/events`, {
      headers: { authorization: `Bearer ${limited}` },
    });
    expect(rest.status).toBe(429);
    const otherKey = await post({ query: '{ viewer { kind } }' });
    expect(otherKey.status).toBe(200);
  });

  it('never answers malformed GraphQL requests with a 5xx', async () => {
    for (const body of [
      '{',
      '{"query": 1}',
      '{"query": "{ nope }"}',
      '{"query": "query ($x: Int!) { viewer { kind } }", "variables": {"x": "a"}}',
      'null',
      '[]',
    ]) {
      const response = await post(body);
      expect(response.status, body).toBeGreaterThanOrEqual(200);
      expect(response.status, body).toBeLessThan(500);
    }
  });
});
