import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/switchboard.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

describe('documentation routes', () => {
  it('serves an OpenAPI 3.1 document of every REST route', async () => {
    const response = await fetch(`${server.url}/openapi.json`);
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/v1/events',
      '/api/v1/events/aggregate',
      '/api/v1/events/correlation/{correlation_id}',
      '/api/v1/events/resource/{resource_type}/{resource_id}',
      '/api/v1/events/stats/by-actor',
      '/api/v1/events/{event_id}',
      '/manage/tenants/{tenantId}/projects/{projectId}/agents/{agentId}/triggers',
      '/manage/tenants/{tenantId}/projects/{projectId}/agents/{agentId}/triggers/{id}',
      '/manage/tenants/{tenantId}/projects/{projectId}/agents/{agentId}/triggers/{id}/invocations',
      '/manage/tenants/{tenantId}/projects/{projectId}/agents/{agentId}/triggers/{id}/invocations/{invocationId}',
      '/manage/tenants/{tenantId}/projects/{projectId}/agents/{agentId}/triggers/{id}/rotate-webhook-url',
      '/manage/tenants/{tenantId}/projects/{projectId}/credentials',
      '/manage/tenants/{tenantId}/projects/{projectId}/credentials/{id}',
      '/manage/tenants/{tenantId}/projects/{projectId}/credentials/{id}/rotate',
      '/run/api/executions',
      '/run/api/executions/{executionId}',
      '/run/api/executions/{executionId}/approvals/{toolCallId}',
      '/run/api/executions/{executionId}/stream',
      '/run/v1/events',
      '/run/v1/webhooks/deliveries',
      '/run/v1/webhooks/deliveries/{id}/redeliver',
      '/run/v1/webhooks/endpoints',
      '/run/v1/webhooks/endpoints/{id}',
      '/run/v1/webhooks/event-types',
      '/telemetry/v1/agents',
      '/telemetry/v1/agents/{agent_name}',
      '/telemetry/v1/agents/{agent_name}/versions',
      '/telemetry/v1/agents/{agent_name}/versions/{agent_version_name}',
      '/telemetry/v1/events',
      '/telemetry/v1/fingerprints',
      '/telemetry/v1/persons',
      '/telemetry/v1/persons/{person_id}',
      '/webhooks/{webhookKey}',
    ]);
    expect(document.servers).toEqual([{ url: '/' }]);
    const operations = Object.values(document.paths).flatMap((methods) =>
      Object.values(methods as Record<string, { operationId: string; security: unknown[] }>),
    );
    const operationIds = operations.map((operation) => operation.operationId);
    expect(new Set(operationIds).size).toBe(operations.length);
    expect(operationIds).not.toContain(undefined);
    expect(Object.keys(document.components.securitySchemes)).toEqual(
      expect.arrayContaining(['bearerAuth', 'apiKeyHeader', 'keyCookie']),
    );
    expect(document.paths['/webhooks/{webhookKey}'].post.security).toEqual([]);
    expect(document.paths['/run/v1/events'].post.security).toEqual([
      { bearerAuth: [] },
      { apiKeyHeader: [] },
      { keyCookie: [] },
    ]);
    expect(document.paths['/api/v1/events'].get.security).toContainEqual({ vaiTokenCookie: [] });
    // Every problem+json response refers to the one Problem schema.
    const problemBodies = JSON.stringify(document.paths).match(
      /"application\/problem\+json":\{"schema":\{[^}]*\}/g,
    );
    expect(new Set(problemBodies)).toEqual(
      new Set(['"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}']),
    );
    const list = document.paths['/api/v1/events'].get;
    expect(
      list.parameters.find((parameter: { name: string }) => parameter.name === 'limit').schema,
    ).toMatchObject({ minimum: 1, maximum: 100, default: 100 });
    const ingest = document.paths['/run/v1/events'].post;
    expect(Object.keys(ingest.responses)).toEqual(
      expect.arrayContaining(['200', '201', '400', '401']),
    );
    expect(ingest.requestBody.content['application/json'].schema.properties.id.pattern).toBe(
      '^[a-zA-Z0-9\\-_.]+$',
    );
    const llmEvent = document.paths['/telemetry/v1/events'].post;
    expect(llmEvent.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/CreateEvent',
    );
    expect(document.components.schemas.CreateEvent.required).toEqual(
      expect.arrayContaining(['event_name', 'properties', 'fingerprint_id']),
    );
    expect(Object.keys(llmEvent.responses)).toEqual(
      expect.arrayContaining(['200', '401', '404', '422']),
    );
    const agents = document.paths['/telemetry/v1/agents'];
    expect(Object.keys(agents).sort()).toEqual(['get', 'post']);
    expect(
      agents.get.parameters.map((parameter: { name: string }) => parameter.name).sort(),
    ).toEqual(['limit', 'offset']);
    expect(document.components.schemas.Agent.required).toContain('agent_id');
    expect(document.components.schemas.AgentVersion.required).toEqual(
      expect.arrayContaining(['agent_version_id', 'run_config']),
    );
    expect(Object.keys(document.components.schemas.CreateAgentVersion.properties)).toContain(
      'run_config',
    );
    expect(JSON.stringify(document.components.schemas.AgentVersionChanges)).toContain('run_config');
    const execution =
      document.paths['/run/api/executions'].post.requestBody.content['application/json'].schema;
    expect(execution.properties.agentId.description).toContain('or name');
  });

  it('serves the reference page and GraphiQL without any CDN', async () => {
    const docs = await (await fetch(`${server.url}/docs`)).text();
    expect(docs).toContain('/docs/assets/swagger-ui-bundle.js');
    expect(docs).not.toMatch(/https?:\/\//);
    const bundle = await fetch(`${server.url}/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${server.url}/docs/assets/package.json`)).status).toBe(404);

    const graphiql = await (
      await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } })
    ).text();
    expect(graphiql).toContain('<title>Switchboard</title>');
    expect(graphiql).not.toMatch(/<script[^>]+src="https?:/);
    expect(graphiql).not.toMatch(/<link[^>]+href="https?:/);
  });
});
