// Switchboard's public surface as the bench uses it: GraphQL over HTTP and graphql-ws.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export async function graphql<T = any>(
  url: string,
  key: string,
  query: string,
  variables: unknown = {},
): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors ?? body));
  return body.data;
}

export const bearer = (key: string) => ({
  'content-type': 'application/json',
  authorization: `Bearer ${key}`,
});

export function wsClient(url: string, key?: string): Client {
  return createClient({
    url: `${url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: key ? { authorization: `Bearer ${key}` } : {},
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => {},
  });
}
