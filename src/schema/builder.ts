import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { isObjectType, type GraphQLSchema } from 'graphql';
import { DateTimeResolver, JSONObjectResolver, JSONResolver } from 'graphql-scalars';
import { missingKey } from '../auth/require.ts';
import { AppError } from '../kernel/errors.ts';
import { getDatamodel } from '../generated/pothos-types.ts';
import type PrismaTypes from '../generated/pothos-types.ts';
import type { RequestContext } from '../kernel/context.ts';
import { MAX_PAGE_SIZE } from './connection-arguments.ts';

const isNodeType = (schema: GraphQLSchema, typename: string) => {
  const type = schema.getType(typename);
  return (
    isObjectType(type) && type.getInterfaces().some((implemented) => implemented.name === 'Node')
  );
};

/** The one Pothos builder: every module adds its types and fields to it from its schema.ts. */
export const builder = new SchemaBuilder<{
  Context: RequestContext;
  PrismaTypes: PrismaTypes;
  AuthScopes: {
    /** Any valid key. */
    authenticated: boolean;
    /** The root key from SWITCHBOARD_ADMIN_KEY. */
    admin: boolean;
    /** A tenant's key: the data APIs. */
    tenant: boolean;
  };
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
    JSONObject: { Input: Record<string, unknown>; Output: Record<string, unknown> };
  };
  DefaultFieldNullability: false;
}>({
  plugins: [ScopeAuthPlugin, PrismaPlugin, RelayPlugin, ComplexityPlugin, 'connectionArguments'],
  defaultFieldNullability: false,
  prisma: {
    // Each request reads through its tenant-scoped client (see src/db/scoped.ts).
    client: (ctx) => ctx.db,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    maxConnectionSize: MAX_PAGE_SIZE,
    defaultConnectionSize: 20,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // Every entity keeps its own `id` (the one REST, arguments and clients use); the Node interface's
    // global id is `globalId`, so adding Relay refetching changed no existing field.
    idFieldName: 'globalId',
    // A global id is not proof of permission: node lookups read through ctx.db, tenant keys only.
    // A well-formed id of a type that is no Node (or no type at all) names nothing: null, as Relay expects.
    nodeTypeOptions: {
      description: 'An object with a global id, which `node` and `nodes` fetch again.',
    },
    idFieldOptions: {
      description: 'The global id of this object, for `node(id:)` and client caches.',
    },
    nodeQueryOptions: {
      description:
        'The object with this global id; null when it does not exist or the caller cannot see it.',
      authScopes: { tenant: true },
      resolve: (_root, { id }, _ctx, info, resolveNode) =>
        isNodeType(info.schema, id.typename) ? resolveNode(id) : null,
    },
    nodesQueryOptions: {
      description:
        'The objects with these global ids, in order; null for each the caller cannot see.',
      authScopes: { tenant: true },
      resolve: async (_root, args, _ctx, info, resolveNodes) => {
        const requested = args.ids;
        // Pothos' resolveNodes loads args.ids whatever it is passed, so args holds the known ones while it runs.
        args.ids = requested.filter((id) => isNodeType(info.schema, id.typename));
        const found = new Map(
          (await resolveNodes(args.ids)).map((node, index) => [args.ids[index], node]),
        );
        return requested.map((id) => found.get(id) ?? null);
      },
    },
    // Descriptions for what the plugin generates: connection, edge and page info types and fields.
    pageInfoTypeOptions: {
      description: 'Where a page sits in its list, and the cursors to the pages around it.',
    },
    hasNextPageFieldOptions: { description: 'Whether more nodes follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether nodes precede this page.' },
    startCursorFieldOptions: {
      description:
        'The cursor of the first node of the page; pass it as `before` for the previous page.',
    },
    endCursorFieldOptions: {
      description: 'The cursor of the last node of the page; pass it as `after` for the next page.',
    },
    defaultConnectionTypeOptions: {
      description: 'One page of a list, with its position in the list.',
    },
    defaultEdgeTypeOptions: { description: 'One node of a page, with its cursor.' },
    edgesFieldOptions: { description: 'The nodes of the page, in order, with their cursors.' },
    pageInfoFieldOptions: { description: 'Where the page sits in the list.' },
    cursorFieldOptions: { description: 'The node’s position, for `after` or `before`.' },
    nodeFieldOptions: { description: 'The node itself.' },
    firstArgOptions: { description: 'At most this many nodes from the start (or after `after`).' },
    afterArgOptions: { description: 'Only nodes after this cursor.' },
    lastArgOptions: { description: 'At most this many nodes from the end (or before `before`).' },
    beforeArgOptions: { description: 'Only nodes before this cursor.' },
  },
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({
      authenticated: ctx.viewer !== null,
      admin: ctx.viewer?.kind === 'admin',
      tenant: ctx.scope !== null,
    }),
    unauthorizedError: (_parent, ctx) =>
      ctx.viewer ? new AppError('FORBIDDEN', 'This key may not use this field') : missingKey(),
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: (ctx) => ({
      depth: ctx.services.config.GRAPHQL_MAX_DEPTH,
      breadth: ctx.services.config.GRAPHQL_MAX_BREADTH,
      complexity: ctx.services.config.GRAPHQL_MAX_COMPLEXITY,
    }),
    complexityError: (kind, result) => {
      const [actual, limit] = {
        Depth: [result.depth, result.maxDepth],
        Breadth: [result.breadth, result.maxBreadth],
        Complexity: [result.complexity, result.maxComplexity],
      }[kind];
      return new AppError(
        'QUERY_TOO_COMPLEX',
        `Query ${kind.toLowerCase()} ${actual} exceeds the limit of ${limit}`,
      );
    },
  },
});

builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('JSON', JSONResolver);
builder.addScalarType('JSONObject', JSONObjectResolver);

builder.queryType({
  description: 'Reads, scoped to the caller’s tenant (and project, for a project key).',
});
builder.mutationType({
  description: 'Changes; each writes its audit events in the same transaction.',
});
builder.subscriptionType({
  description: 'Live streams over graphql-ws, from any server instance.',
});
