import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logMessage, recentEvents } from '../client/src/events.ts';
import { SwitchboardError } from '../client/src/switchboard.ts';
import { startServer, type TestServer } from './support/switchboard.ts';

// The typed-client example of docs/client.md, against a real server.
let server: TestServer;
let endpoint: string;
let key: string;

beforeAll(async () => {
  server = await startServer();
  endpoint = `${server.url}/graphql`;
  key = (await server.newTenant('client')).key;
});
afterAll(() => server?.stop());

describe('the typed client example', () => {
  it('logs and reads events through its generated documents', async () => {
    const id = await logMessage(endpoint, key, 'c-client', 'hello');
    expect(await recentEvents(endpoint, key, 5)).toEqual([
      { id, type: 'message.sent', conversationId: 'c-client' },
    ]);
  });

  it('reports Switchboard’s error code', async () => {
    const refusal = await recentEvents(endpoint, 'sb_not_a_key').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(SwitchboardError);
    expect((refusal as SwitchboardError).code).toBe('UNAUTHENTICATED');
  });
});
