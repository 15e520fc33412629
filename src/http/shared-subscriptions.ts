import {
  createSourceEventStream,
  execute,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { RequestContext } from '../kernel/context.ts';

type AnswerStep = IteratorYieldResult<ExecutionResult>;

/**
 * Subscription operations compiled by graphql-jit, by schema, document and operation name (null
 * when it cannot compile one): each event then runs the compiled resolvers, where graphql-js would
 * build its execution context and coerce the variables again per event.
 */
const compiledOperations = new WeakMap<
  GraphQLSchema,
  WeakMap<DocumentNode, Map<string, CompiledQuery | null>>
>();
function compiledOperation({ schema, document, operationName }: ExecutionArgs) {
  let byDocument = compiledOperations.get(schema);
  if (!byDocument) compiledOperations.set(schema, (byDocument = new WeakMap()));
  let byName = byDocument.get(document);
  if (!byName) byDocument.set(document, (byName = new Map()));
  let compiled = byName.get(operationName ?? '');
  if (compiled === undefined) {
    const compilation = compileQuery(schema, document, operationName ?? undefined);
    compiled = isCompiledQuery(compilation) ? compilation : null;
    byName.set(operationName ?? '', compiled);
  }
  return compiled;
}

/**
 * How a subscription answers each event: compiled, as graphql-js would. An event whose answer has
 * an error is answered by graphql-js itself, which words errors and nulls the partial data its own
 * way (subscription resolvers only read, so running them again changes nothing).
 */
function eventExecution(args: ExecutionArgs): (event: unknown) => Promise<AnswerStep> {
  const interpreted = async (event: unknown): Promise<AnswerStep> => ({
    value: await execute({ ...args, rootValue: event }),
    done: false,
  });
  const compiled = compiledOperation(args);
  if (!compiled) return interpreted;
  const answer = (event: unknown, result: ExecutionResult) =>
    result.errors ? interpreted(event) : { value: result, done: false as const };
  // Without `async`: an answer that the resolvers give at once costs one promise, not three.
  return (event) => {
    const result = compiled.query(event, args.contextValue, args.variableValues);
    return 'then' in result
      ? result.then((settled) => answer(event, settled))
      : Promise.resolve(answer(event, result));
  };
}

/**
 * Runs a subscription's GraphQL once per event for all the subscribers that would get the same
 * answer, instead of once per subscriber: the bus hands every subscriber of a process the same
 * payload object, and the answer depends only on that payload, the document, its variables and the
 * caller's scope. Each subscriber keeps its own source stream (its own filters, replay and
 * authorisation), so sharing never changes what anyone receives.
 */
export function useSharedSubscriptionExecution(): Plugin<RequestContext> {
  // Answers per payload object, as iteration steps (subscribers only read them): they go when the
  // payload does (no subscriber holds it any more).
  const answers = new WeakMap<object, Map<string, Promise<AnswerStep>>>();
  const documentIds = new WeakMap<DocumentNode, number>();
  let documentCount = 0;
  const sharingKey = (args: ExecutionArgs) => {
    let documentId = documentIds.get(args.document);
    if (documentId === undefined) documentIds.set(args.document, (documentId = ++documentCount));
    const { viewer, scope } = args.contextValue as RequestContext;
    return JSON.stringify([
      documentId,
      args.operationName ?? null,
      args.variableValues ?? null,
      viewer?.kind ?? null,
      scope,
    ]);
  };
  const answerOnce = (payload: unknown, key: string, run: () => Promise<AnswerStep>) => {
    if (typeof payload !== 'object' || payload === null) return run();
    let byKey = answers.get(payload);
    if (!byKey) answers.set(payload, (byKey = new Map()));
    let answer = byKey.get(key);
    if (!answer) byKey.set(key, (answer = run()));
    return answer;
  };
  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(async (args) => {
        const source = await createSourceEventStream(args);
        if (!isAsyncIterable(source)) return source;
        const key = sharingKey(args);
        const executeEvent = eventExecution(args);
        const events = source[Symbol.asyncIterator]();
        // A plain iterator with one step per event, not one more repeater or generic map: every
        // subscriber's every event goes through it.
        const results: AsyncIterableIterator<ExecutionResult> = {
          next: () =>
            events
              .next()
              .then((event): IteratorResult<ExecutionResult> | Promise<AnswerStep> =>
                event.done ? event : answerOnce(event.value, key, () => executeEvent(event.value)),
              ),
          return: async () => {
            await events.return?.();
            return { value: undefined, done: true };
          },
          throw: async (error: unknown) => {
            await events.return?.();
            throw error;
          },
          [Symbol.asyncIterator]: () => results,
        };
        return results;
      });
    },
  };
}
