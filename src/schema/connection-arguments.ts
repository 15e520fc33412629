import SchemaBuilder, {
  BasePlugin,
  PothosValidationError,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { AppError } from '../kernel/errors.ts';

/** The largest page a connection returns; a larger `first` or `last` is refused, not cut short. */
export const MAX_PAGE_SIZE = 100;

/**
 * A Pothos validation error met while running an operation (a negative page size, a malformed cursor
 * or global id) as the user error it is; null for anything else.
 */
export function pothosInputError(error: unknown): AppError | null {
  const cause = (error as { originalError?: unknown })?.originalError;
  if (error instanceof PothosValidationError) return new AppError('BAD_USER_INPUT', error.message);
  return cause && cause !== error ? pothosInputError(cause) : null;
}

/** Refuses a page size over MAX_PAGE_SIZE on every connection field, where Pothos would cut it short silently. */
class ConnectionArgumentsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (!('first' in fieldConfig.args && 'last' in fieldConfig.args && 'after' in fieldConfig.args))
      return resolver;
    return (parent, args, context, info) => {
      const { first, last } = args as { first?: number | null; last?: number | null };
      for (const [name, size] of [
        ['first', first],
        ['last', last],
      ] as const) {
        if (size != null && size > MAX_PAGE_SIZE)
          throw new AppError(
            'BAD_USER_INPUT',
            `Argument "${name}" must be at most ${MAX_PAGE_SIZE}`,
          );
      }
      return resolver(parent, args, context, info);
    };
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      connectionArguments: ConnectionArgumentsPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin('connectionArguments', ConnectionArgumentsPlugin);
