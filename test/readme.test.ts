import fs from 'node:fs';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../src/http/graphiql.ts';
import { ADMIN_KEY, eventually, startServer, type TestServer } from './support/switchboard.ts';

const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/^```graphql\n([\s\S]*?)^```$/gm)].map((match) => match[1]);

/** Where each placeholder of the README is answered: the path of a field in an earlier result. */
const answeredBy: Record<string, string> = {
  'tenant id': 'createTenant.id',
  secret: 'createApiKey.secret',
  'fingerprint id': 'createFingerprint.fingerprint.id',
  'agent id': 'agent.id',
  'execution id': 'createExecution.id',
  'tool call id': 'executionEvents.toolCallId',
  'credential id': 'createCredential.credential.id',
};

const at = (data: unknown, path: string) =>
  path
    .split('.')
    .reduce<unknown>(
      (value, field) =>
        typeof value === 'object' && value !== null
          ? (value as Record<string, unknown>)[field]
          : undefined,
      data,
    );

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

describe('the README', () => {
  it('shows GraphiQL’s example tabs as its GraphQL examples', () => {
    expect(blocks).toEqual(EXAMPLES);
  });

  it('runs its GraphQL examples in order on a fresh server without an error', async () => {
    const answers = new Map<string, string>();
    const remember = (data: unknown) => {
      for (const [placeholder, path] of Object.entries(answeredBy)) {
        const value = at(data, path);
        if (typeof value === 'string') answers.set(placeholder, value);
      }
    };
    const subscriptions: { name: string; errors: unknown[]; dispose: () => void }[] = [];
    let key = ADMIN_KEY;
    for (const block of blocks) {
      const headers = /^# Headers: (.*)$/m.exec(block)?.[1];
      if (headers?.includes('sb_admin_')) key = ADMIN_KEY;
      else if (headers?.includes('<secret>')) key = answers.get('secret')!;
      for (const operation of parse(block).definitions as OperationDefinitionNode[]) {
        expect(operation.kind).toBe(Kind.OPERATION_DEFINITION);
        const name = operation.name!.value;
        let query = print(operation);
        for (const [, placeholder] of query.matchAll(/"<([^>"]+)>"/g)) {
          // A subscription's events may answer a later placeholder: wait for them.
          const value = await eventually(
            () => answers.get(placeholder),
            `<${placeholder}>`,
            10_000,
          );
          query = query.replaceAll(`"<${placeholder}>"`, JSON.stringify(value));
        }
        if (operation.operation === 'subscription') {
          const errors: unknown[] = [];
          const dispose = server.wsClient(key).subscribe(
            { query },
            {
              next: (result) => {
                if (result.errors) errors.push(...result.errors);
                remember(result.data);
              },
              error: (error) => errors.push(error),
              complete: () => {},
            },
          );
          subscriptions.push({ name, errors, dispose });
          continue;
        }
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ query }),
        });
        const result = await response.json();
        expect(result.errors, name).toBeUndefined();
        remember(result.data);
      }
    }
    for (const { name, errors, dispose } of subscriptions) {
      expect(errors, name).toEqual([]);
      dispose();
    }
    // The scripted run went through its approval to the end.
    const run = await eventually(async () => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({
          query: `{ execution(id: ${JSON.stringify(answers.get('execution id'))}) { status } }`,
        }),
      });
      const { data } = await response.json();
      return data.execution.status === 'COMPLETED' && data.execution;
    }, 'the scripted run to complete');
    expect(run.status).toBe('COMPLETED');
  });
});
