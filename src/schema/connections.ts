import type { ObjectRef } from '@pothos/core';
import { AppError } from '../kernel/errors.ts';
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
          const { totalCount } = connection as {
            totalCount?: number | (() => number | Promise<number>);
          };
          return typeof totalCount === 'function' ? totalCount() : (totalCount ?? 0);
        },
      }),
    }),
  });
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
