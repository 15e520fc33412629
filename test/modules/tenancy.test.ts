import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import {
  AppEventLogged,
  AuditEvents,
  CreateApiKey,
  CreateProject,
  CreateTenant,
  LogEvent,
} from '../support/operations.ts';
import {
  ADMIN_KEY,
  eventually,
  startServer,
  subscribe,
  type TestServer,
} from '../support/switchboard.ts';

const Viewer = graphql(`
  query Viewer {
    viewer {
      kind
      tenantId
      projectId
      apiKeyId
    }
  }
`);

const RevokeApiKey = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      revokedAt
    }
  }
`);

const MyProjects = graphql(`
  query MyProjects {
    tenant {
      id
      name
    }
    projects {
      name
    }
  }
`);

const ApiKeys = graphql(`
  query ApiKeys($includeRevoked: Boolean) {
    apiKeys(includeRevoked: $includeRevoked) {
      totalCount
      edges {
        node {
          id
          name
          revokedAt
          lastUsedAt
        }
      }
    }
  }
`);

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

describe('tenants, projects and keys', () => {
  it('lets only the admin key create tenants', async () => {
    const { key } = await server.newTenant('only-admin');
    const byTenantKey = await server.graphql(CreateTenant, { name: 'nope' }, { key });
    expect(byTenantKey.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await server.graphql(CreateTenant, { name: 'nope' });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('shows a key secret once and stores only its hash', async () => {
    const { tenantId, key } = await server.newTenant('hashing');
    const created = await server.graphql(CreateApiKey, { name: 'second' }, { key });
    const secret = created.data!.createApiKey.secret;
    expect(secret).toMatch(/^sb_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    const stored = await server.switchboard.services.prisma.apiKey.findMany({
      where: { tenantId },
    });
    expect(stored).toHaveLength(2);
    // The secret part may itself hold "_" (base64url): take all of it after the key id.
    const secretPart = /^sb_[0-9a-f]{32}_(.+)$/.exec(secret)![1];
    for (const row of stored) {
      expect(JSON.stringify(row)).not.toContain(secretPart);
      expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('accepts a key as Bearer, as X-API-Key and as a cookie', async () => {
    const { tenantId, key } = await server.newTenant('presentation');
    const ways: Record<string, string>[] = [
      { authorization: `Bearer ${key}` },
      { 'x-api-key': key },
      { cookie: `other=1; switchboard_key=${key}` },
    ];
    for (const headers of ways) {
      const viewer = await server.graphql(Viewer, {}, { headers });
      expect(viewer.data!.viewer, JSON.stringify(Object.keys(headers))).toMatchObject({
        kind: 'API_KEY',
        tenantId,
      });
    }
    const rest = await fetch(`${server.url}/run/v1/events`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'via-x-api-key' }),
    });
    expect(rest.status).toBe(201);
  });

  it('refuses a bad key with 401 UNAUTHENTICATED but lets anonymous callers introspect', async () => {
    const bad = await server.graphql(
      Viewer,
      {},
      { key: 'sb_00000000000000000000000000000000_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB' },
    );
    expect(bad.status).toBe(401);
    expect(bad.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const anonymous = await server.graphql(Viewer);
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.[0]).toMatchObject({
      message: 'Missing API key: send "Authorization: Bearer <key>"',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const introspection = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    });
    expect(await introspection.json()).toEqual({
      data: { __schema: { queryType: { name: 'Query' } } },
    });
  });

  it('refuses a WebSocket connection with a bad key, and anonymous subscriptions', async () => {
    const bad = subscribe(
      server.wsClient(
        'sb_00000000000000000000000000000000_CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC',
      ),
      AppEventLogged,
      {},
    );
    await eventually(() => bad.completed, 'the bad key’s connection to close');
    expect(bad.failure).toMatchObject({ code: 4403 });
    const anonymous = subscribe(server.wsClient(), AppEventLogged, {});
    await eventually(
      () => anonymous.completed || anonymous.received.length > 0,
      'the anonymous subscription to be refused',
    );
    const refusal =
      (anonymous.failure as { extensions?: { code?: string } }[] | undefined)?.[0] ??
      anonymous.received[0]?.errors?.[0];
    expect(refusal?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('stops accepting a revoked key at once, and revoking twice is harmless', async () => {
    const { key } = await server.newTenant('revoking');
    const extra = await server.graphql(CreateApiKey, { name: 'short-lived' }, { key });
    const { secret, apiKey } = extra.data!.createApiKey;
    expect((await server.graphql(Viewer, {}, { key: secret })).status).toBe(200);
    const revoked = await server.graphql(RevokeApiKey, { id: apiKey.id }, { key });
    expect(revoked.data!.revokeApiKey.revokedAt).toBeTruthy();
    const again = await server.graphql(RevokeApiKey, { id: apiKey.id }, { key });
    expect(again.data!.revokeApiKey.revokedAt).toBe(revoked.data!.revokeApiKey.revokedAt);
    const refused = await server.graphql(Viewer, {}, { key: secret });
    expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const all = await server.graphql(ApiKeys, {}, { key });
    expect(all.data!.apiKeys.totalCount).toBe(2);
    const used = all.data!.apiKeys.edges.find(({ node }) => node.id === apiKey.id)!.node;
    expect(used).toMatchObject({
      name: 'short-lived',
      revokedAt: revoked.data!.revokeApiKey.revokedAt,
    });
    expect(used.lastUsedAt).toBeTruthy();
    const active = await server.graphql(ApiKeys, { includeRevoked: false }, { key });
    expect(active.data!.apiKeys.edges.map(({ node }) => node.name)).toEqual(['service']);
    const audit = await server.graphql(AuditEvents, { filter: { resourceId: apiKey.id } }, { key });
    expect(audit.data!.auditEvents.edges.map((edge) => edge.node.eventType)).toEqual([
      'api_key.revoked',
      'api_key.created',
    ]);
  });

  it('closes the open sockets of a revoked key', async () => {
    const { key } = await server.newTenant('revoking-sockets');
    const extra = await server.graphql(CreateApiKey, { name: 'socket-holder' }, { key });
    const { secret, apiKey } = extra.data!.createApiKey;
    const client = server.wsClient(secret);
    const closeCodes: number[] = [];
    client.on('closed', (event) => void closeCodes.push((event as { code: number }).code));
    const stream = subscribe(client, AppEventLogged, {});
    await stream.started;
    await server.graphql(RevokeApiKey, { id: apiKey.id }, { key });
    await eventually(() => closeCodes.length > 0, 'the socket to close', 2000);
    expect(closeCodes[0]).toBe(4403);
    await client.dispose();
  });

  it('creates projects, refuses duplicate names, and limits a project key to its project', async () => {
    const { tenantId, key } = await server.newTenant('projects');
    const alpha = await server.graphql(CreateProject, { name: 'alpha' }, { key });
    const beta = await server.graphql(
      CreateProject,
      { name: 'beta', tenantId },
      { key: ADMIN_KEY },
    );
    expect(beta.data!.createProject.name).toBe('beta');
    const duplicate = await server.graphql(CreateProject, { name: 'alpha' }, { key });
    expect(duplicate.errors?.[0].extensions?.code).toBe('CONFLICT');
    const mine = await server.graphql(MyProjects, {}, { key });
    expect(mine.data!.tenant!.name).toBe('projects');
    expect(mine.data!.projects.map((project) => project.name)).toEqual(['alpha', 'beta']);

    const projectKey = await server.graphql(
      CreateApiKey,
      { name: 'alpha-only', projectId: alpha.data!.createProject.id },
      { key },
    );
    const alphaKey = projectKey.data!.createApiKey.secret;
    expect(projectKey.data!.createApiKey.apiKey.project!.id).toBe(alpha.data!.createProject.id);
    const viewer = await server.graphql(Viewer, {}, { key: alphaKey });
    expect(viewer.data!.viewer).toMatchObject({
      tenantId,
      projectId: alpha.data!.createProject.id,
    });
    const alphaView = await server.graphql(MyProjects, {}, { key: alphaKey });
    expect(alphaView.data!.projects.map((project) => project.name)).toEqual(['alpha']);
    const alphaKeys = await server.graphql(ApiKeys, {}, { key: alphaKey });
    expect(alphaKeys.data!.apiKeys.edges.map(({ node }) => node.name)).toEqual(['alpha-only']);
    const managing = await server.graphql(CreateApiKey, { name: 'escalate' }, { key: alphaKey });
    expect(managing.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    await server.graphql(LogEvent, { input: { id: 'tenant-wide', type: 'scoped' } }, { key });
    await server.graphql(
      LogEvent,
      { input: { id: 'in-alpha', type: 'scoped' } },
      { key: alphaKey },
    );
    const seenByProject = await server.graphql(
      AuditEvents,
      { filter: { eventType: 'app_event.logged' } },
      { key: alphaKey },
    );
    expect(seenByProject.data!.auditEvents.edges.map((edge) => edge.node.resourceId)).toEqual([
      'in-alpha',
    ]);
    const clash = await server.graphql(
      LogEvent,
      { input: { id: 'tenant-wide', type: 'scoped' } },
      { key: alphaKey },
    );
    expect(clash.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('answers another tenant’s ids exactly like missing ones', async () => {
    const a = await server.newTenant('a');
    const b = await server.newTenant('b');
    const foreignKey = await server.graphql(CreateApiKey, { name: 'a-key' }, { key: a.key });
    const foreign = await server.graphql(
      RevokeApiKey,
      { id: foreignKey.data!.createApiKey.apiKey.id },
      { key: b.key },
    );
    const missing = await server.graphql(
      RevokeApiKey,
      { id: '00000000-0000-0000-0000-000000000000' },
      { key: b.key },
    );
    expect(foreign.errors?.[0]).toMatchObject({
      message: missing.errors?.[0].message,
      extensions: { code: 'NOT_FOUND' },
    });
    const foreignTenant = await server.graphql(
      CreateProject,
      { name: 'x', tenantId: a.tenantId },
      { key: b.key },
    );
    expect(foreignTenant.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const stillValid = await server.graphql(
      Viewer,
      {},
      { key: foreignKey.data!.createApiKey.secret },
    );
    expect(stillValid.data!.viewer!.tenantId).toBe(a.tenantId);
  });

  it('records who did it: user keys as user, service keys as api_key, the admin key as system', async () => {
    const { tenantId, key } = await server.newTenant('actors');
    const userKey = await server.graphql(
      CreateApiKey,
      { name: 'person', actorType: 'USER' },
      { key },
    );
    await server.graphql(
      LogEvent,
      { input: { id: 'by-user', type: 'actor' } },
      { key: userKey.data!.createApiKey.secret },
    );
    const audit = await server.graphql(AuditEvents, {}, { key });
    const byResource = Object.fromEntries(
      audit.data!.auditEvents.edges.map(({ node }) => [node.resourceId, node]),
    );
    expect(byResource[tenantId]).toMatchObject({
      eventType: 'tenant.created',
      actorType: 'SYSTEM',
      actorId: 'admin',
      outcome: 'SUCCESS',
    });
    expect(byResource['by-user']).toMatchObject({
      actorType: 'USER',
      actorId: userKey.data!.createApiKey.apiKey.id,
    });
    expect(byResource[userKey.data!.createApiKey.apiKey.id]).toMatchObject({
      eventType: 'api_key.created',
      actorType: 'API_KEY',
    });
  });
});
