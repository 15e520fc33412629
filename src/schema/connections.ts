import type { ObjectRef } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../kernel/context.ts';
import { AppError } from '../kernel/errors.ts';
import { builder } from './builder.ts';
import { selectsAny } from './selections.ts';

/**
 * A named Relay connection of `ref` with `totalCount`, for fields that share one connection type
 * (`<Type>Connection`) instead of one per field. Pass it as prismaConnection's second argument.
 */
export function countedConnection<T extends object>(ref: ObjectRef<any, T>, name: string) {
  return builder.connectionObject({
    type: ref,
    name,
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many nodes match, across all pages.',
        resolve: (connection) => {
          const { totalCount } = connection as {
            totalCount?: number | (() => number | Promise<number>);
          };
          return typeof totalCount === 'function' ? totalCount() : (totalCount ?? 0);
        },
      }),
    }),
  });
}

/**
 * prismaConnection's `totalCount` and `resolve` for a page and its count: when the operation
 * selects totalCount, the count is sent beside the page query instead of after it (on PostgreSQL
 * both run at once, each on its own pool connection).
 */
export function pageWithCount<Args extends object, Query, Rows>(
  count: (args: Args, ctx: RequestContext) => Promise<number>,
  page: (query: Query, args: Args, ctx: RequestContext, info: GraphQLResolveInfo) => Promise<Rows>,
) {
  // Pothos hands resolve and totalCount the same args object for one connection.
  const started = new WeakMap<Args, Promise<number>>();
  return {
    totalCount: (_connection: unknown, args: Args, ctx: RequestContext) =>
      started.get(args) ?? count(args, ctx),
    resolve: (
      query: Query,
      _parent: unknown,
      args: Args,
      ctx: RequestContext,
      info: GraphQLResolveInfo,
    ) => {
      if (selectsAny(info, ['totalCount'])) {
        const counted = count(args, ctx);
        // A failed page leaves its count unread: its error is the page's, not an unhandled rejection.
        counted.catch(() => {});
        started.set(args, counted);
      }
      return page(query, args, ctx, info);
    },
  };
}

/** The sequence number in a global id of a row keyed by `seq`; anything else is refused as user input, not a crash. */
export function sequenceIn(globalIdPart: string) {
  if (!/^\d{1,19}$/.test(globalIdPart))
    throw new AppError(
      'BAD_USER_INPUT',
      `Invalid global ID: "${globalIdPart}" is not a sequence number`,
    );
  return { seq: BigInt(globalIdPart) };
}
