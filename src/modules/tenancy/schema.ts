import { builder } from '../../schema/builder.ts';
import { countedConnection } from '../../schema/connections.ts';
import * as tenancy from './service.ts';

builder.prismaNode('Tenant', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.prismaNode('Project', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    tenant: t.relation('tenant'),
  }),
});

const ApiKeyActorType = builder.enumType('ApiKeyActorType', {
  description: 'Whom a key stands for in the audit log.',
  values: {
    API_KEY: { value: 'api_key', description: 'A service or integration.' },
    USER: { value: 'user', description: 'A person the key was issued to.' },
  } as const,
});

const ApiKeyRef = builder.prismaNode('ApiKey', {
  id: { field: 'id' },
  nullable: true,
  description: 'A credential. Its secret is shown once, when it is created.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    actorType: t.field({
      type: ApiKeyActorType,
      description: 'Whom the key stands for in the audit log.',
      resolve: (key) => key.actorType as 'api_key' | 'user',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    lastUsedAt: t.expose('lastUsedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the key last authenticated a request, to the minute.',
    }),
    tenant: t.relation('tenant'),
    project: t.relation('project', { nullable: true }),
  }),
});

const ApiKeyConnection = countedConnection(ApiKeyRef, 'ApiKeyConnection');

const CreateApiKeyPayload = builder
  .objectRef<Awaited<ReturnType<typeof tenancy.createApiKey>>>('CreateApiKeyPayload')
  .implement({
    description: 'A new API key, with its secret (shown this once).',
    fields: (t) => ({
      apiKey: t.prismaField({
        type: 'ApiKey',
        description: 'The key, without its secret.',
        resolve: (_query, payload) => payload.apiKey,
      }),
      secret: t.exposeString('secret', {
        description: 'The key to send as "Authorization: Bearer <secret>". It is not shown again.',
      }),
    }),
  });

const ViewerKind = builder.enumType('ViewerKind', {
  description: 'What kind of key the caller sent.',
  values: {
    ADMIN: {
      value: 'ADMIN',
      description: 'The root key (SWITCHBOARD_ADMIN_KEY): manages tenants, no data APIs.',
    },
    API_KEY: { value: 'API_KEY', description: 'A tenant’s API key.' },
  } as const,
});

interface ViewerShape {
  kind: 'ADMIN' | 'API_KEY';
  tenantId: string | null;
  projectId: string | null;
  apiKeyId: string | null;
}

const Viewer = builder.objectRef<ViewerShape>('Viewer').implement({
  description: 'The caller, as identified by its key.',
  fields: (t) => ({
    kind: t.expose('kind', { type: ViewerKind, description: 'What kind of key the caller sent.' }),
    tenantId: t.exposeID('tenantId', {
      nullable: true,
      description: 'The key’s tenant; null for the admin key.',
    }),
    projectId: t.exposeID('projectId', {
      nullable: true,
      description: 'The project the key is limited to; null: none.',
    }),
    apiKeyId: t.exposeID('apiKeyId', {
      nullable: true,
      description: 'The API key’s id; null for the admin key.',
    }),
  }),
});

builder.queryFields((t) => ({
  viewer: t.field({
    type: Viewer,
    description: 'The caller (UNAUTHENTICATED without a key).',
    authScopes: { authenticated: true },
    resolve: (_root, _args, ctx) => {
      const viewer = ctx.viewer!;
      return viewer.kind === 'admin'
        ? { kind: 'ADMIN' as const, tenantId: null, projectId: null, apiKeyId: null }
        : {
            kind: 'API_KEY' as const,
            tenantId: viewer.tenantId,
            projectId: viewer.projectId,
            apiKeyId: viewer.keyId,
          };
    },
  }),
  tenant: t.prismaField({
    type: 'Tenant',
    nullable: true,
    description: "The caller's tenant.",
    authScopes: { tenant: true },
    resolve: (query, _root, _args, ctx) => ctx.db.tenant.findFirst({ ...query }),
  }),
  projects: t.prismaField({
    type: ['Project'],
    description: "The caller's projects (a project key sees its own), oldest first.",
    authScopes: { tenant: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.db.project.findMany({ ...query, orderBy: { createdAt: 'asc' } }),
  }),
  apiKeys: t.prismaConnection(
    {
      type: 'ApiKey',
      cursor: 'id',
      description: "The caller's API keys, revoked ones included, newest first.",
      authScopes: { tenant: true },
      args: {
        includeRevoked: t.arg.boolean({
          defaultValue: true,
          description: 'False leaves revoked keys out.',
        }),
      },
      totalCount: (_connection, args, ctx) =>
        ctx.db.apiKey.count({ where: args.includeRevoked ? {} : { revokedAt: null } }),
      resolve: (query, _root, args, ctx) =>
        ctx.db.apiKey.findMany({
          ...query,
          where: args.includeRevoked ? {} : { revokedAt: null },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        }),
    },
    ApiKeyConnection,
  ),
}));

builder.mutationFields((t) => ({
  createTenant: t.prismaField({
    type: 'Tenant',
    description: 'Creates a tenant (admin key only).',
    authScopes: { admin: true },
    args: { name: t.arg.string({ required: true, description: 'The display name.' }) },
    resolve: (_query, _root, args, ctx) => tenancy.createTenant(ctx, args),
  }),
  createProject: t.prismaField({
    type: 'Project',
    description: 'Creates a project in a tenant.',
    authScopes: { authenticated: true },
    args: {
      name: t.arg.string({ required: true, description: 'The display name, unique per tenant.' }),
      tenantId: t.arg.id({
        description: 'Required with the admin key; defaults to the caller’s tenant.',
      }),
    },
    resolve: (_query, _root, args, ctx) =>
      tenancy.createProject(ctx, { name: args.name, tenantId: args.tenantId?.toString() }),
  }),
  createApiKey: t.field({
    type: CreateApiKeyPayload,
    description: 'Creates an API key; its secret is in the answer and never again.',
    authScopes: { authenticated: true },
    args: {
      name: t.arg.string({ required: true, description: 'The display name.' }),
      tenantId: t.arg.id({
        description: 'Required with the admin key; defaults to the caller’s tenant.',
      }),
      projectId: t.arg.id({ description: 'Limits the key to one project.' }),
      actorType: t.arg({
        type: ApiKeyActorType,
        description: 'Whom the key stands for; default API_KEY.',
      }),
    },
    resolve: (_root, args, ctx) =>
      tenancy.createApiKey(ctx, {
        name: args.name,
        tenantId: args.tenantId?.toString(),
        projectId: args.projectId?.toString(),
        actorType: args.actorType,
      }),
  }),
  revokeApiKey: t.prismaField({
    type: 'ApiKey',
    description: 'Revokes an API key at once; revoking it again changes nothing.',
    authScopes: { authenticated: true },
    args: { id: t.arg.id({ required: true, description: 'The key’s id.' }) },
    resolve: (_query, _root, args, ctx) => tenancy.revokeApiKey(ctx, args.id.toString()),
  }),
}));
