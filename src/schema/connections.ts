import type { ObjectRef } from '@pothos/core';
import { builder } from './builder.ts';

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
          const { totalCount } = connection as { totalCount?: number | (() => number | Promise<number>) };
          return typeof totalCount === 'function' ? totalCount() : (totalCount ?? 0);
        },
      }),
    }),
  });
}
