import {
  createSourceEventStream,
  execute,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { RequestContext } from '../kernel/context.ts';
import { Page } from '../kernel/bus/feed.ts';
import { compiledOperation } from './compiled-operations.ts';

type AnswerStep = IteratorYieldResult<ExecutionResult>;

/** An answer now, or once its resolvers settle. */
type Answer = AnswerStep | Promise<AnswerStep>;
const isSettled = (answer: Answer): answer is AnswerStep => !('then' in answer);

/**
 * How a subscription answers each event: compiled, as graphql-js would. An event whose answer has
 * an error is answered by graphql-js itself, which words errors and nulls the partial data its own
 * way (subscription resolvers only read, so running them again changes nothing).
 */
function eventExecution(args: ExecutionArgs): (event: unknown) => Answer {
  const interpreted = async (event: unknown): Promise<AnswerStep> => ({
    value: await execute({ ...args, rootValue: event }),
    done: false,
  });
  const compiled = compiledOperation(args);
  if (!compiled) return interpreted;
  const answer = (event: unknown, result: ExecutionResult): Answer =>
    result.errors ? interpreted(event) : { value: result, done: false };
  // An answer that the resolvers give at once costs no promise: a page of events is answered in one go.
  return (event) => {
    const result = compiled.query(event, args.contextValue, args.variableValues);
    return 'then' in result
      ? result.then((settled) => answer(event, settled))
      : answer(event, result);
  };
}

/**
 * A page's answers; `results`: all of them, when every one is ready without errors (the page then
 * goes as one batch, the same array for every subscriber that shares it).
 */
interface PageAnswers {
  answers: Answer[];
  results?: ExecutionResult[];
}
const answerPage = (answers: Answer[]): PageAnswers => ({
  answers,
  results: answers.every((answer) => isSettled(answer) && !answer.value.errors)
    ? answers.map((answer) => (answer as AnswerStep).value)
    : undefined,
});

/**
 * The answers of several events as one result, for a transport that takes them
 * (`TAKES_ANSWER_BATCHES`): a page of a journal then costs one step of the results' iterators, not
 * one per event. It has no `errors`: an answer with errors (which the error masking must see) comes
 * as a result of its own.
 */
export const ANSWER_BATCH = Symbol('answer batch');
export type AnswerBatch = ExecutionResult & { [ANSWER_BATCH]: ExecutionResult[] };
/** Set on an operation's root value by a transport that sends `AnswerBatch` results. */
export const TAKES_ANSWER_BATCHES = Symbol('takes answer batches');

/**
 * Runs a subscription's GraphQL once per event for all the subscribers that would get the same
 * answer, instead of once per subscriber: the bus hands every subscriber of a process the same
 * payload object, and the answer depends only on that payload, the document, its variables and the
 * caller's scope. Each subscriber keeps its own source stream (its own filters, replay and
 * authorisation), so sharing never changes what anyone receives. A source's `Page` of events is
 * answered in one step, as one batch where the transport takes them.
 */
export function useSharedSubscriptionExecution(): Plugin<RequestContext> {
  // Answers per payload object, as iteration steps (subscribers only read them): they go when the
  // payload does (no subscriber holds it any more).
  const answers = new WeakMap<object, Map<string, Answer>>();
  // A page's answers, by its array of events (subscribers replaying one read share it): one entry
  // per page rather than per event, which a replay of thousands would pay in weak-map upkeep.
  const pageAnswers = new WeakMap<readonly unknown[], Map<string, PageAnswers>>();
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
  const answerOnce = (payload: unknown, key: string, run: () => Answer) => {
    if (typeof payload !== 'object' || payload === null) return run();
    let byKey = answers.get(payload);
    if (!byKey) answers.set(payload, (byKey = new Map()));
    let answer = byKey.get(key);
    if (!answer) byKey.set(key, (answer = run()));
    return answer;
  };
  const answerPageOnce = (
    events: readonly unknown[],
    key: string,
    run: (event: unknown) => Answer,
  ) => {
    let byKey = pageAnswers.get(events);
    if (!byKey) pageAnswers.set(events, (byKey = new Map()));
    let page = byKey.get(key);
    if (!page) byKey.set(key, (page = answerPage(events.map(run))));
    return page;
  };
  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(async (args) => {
        const source = await createSourceEventStream(args);
        if (!isAsyncIterable(source)) return source;
        const key = sharingKey(args);
        const executeEvent = eventExecution(args);
        const answerOf = (event: unknown) => answerOnce(event, key, () => executeEvent(event));
        const answerPageOf = (events: readonly unknown[]) =>
          answerPageOnce(events, key, executeEvent);
        const takesBatches =
          (args.rootValue as { [TAKES_ANSWER_BATCHES]?: boolean } | undefined)?.[
            TAKES_ANSWER_BATCHES
          ] === true;
        const events = source[Symbol.asyncIterator]();
        // The answers of a page, and how many were handed on.
        let page: PageAnswers = { answers: [] };
        let answered = 0;
        /** The next step of the page: a batch of the answers ready without errors, else one answer. */
        const pageStep = (): Answer | IteratorYieldResult<AnswerBatch> => {
          if (takesBatches) {
            if (answered === 0 && page.results) {
              answered = page.answers.length;
              return { value: { [ANSWER_BATCH]: page.results }, done: false };
            }
            const batch: ExecutionResult[] = [];
            for (; answered < page.answers.length; answered++) {
              const answer = page.answers[answered];
              if (!isSettled(answer) || answer.value.errors) break;
              batch.push(answer.value);
            }
            if (batch.length) return { value: { [ANSWER_BATCH]: batch }, done: false };
          }
          return page.answers[answered++];
        };
        // A plain iterator with one step per event (or page), not one more repeater or generic
        // map: every subscriber's every event goes through it.
        const results: AsyncIterableIterator<ExecutionResult> = {
          next: () =>
            answered < page.answers.length
              ? Promise.resolve(pageStep())
              : events.next().then((event): IteratorResult<ExecutionResult> | Answer => {
                  if (event.done) return event;
                  if (!(event.value instanceof Page)) return answerOf(event.value);
                  page = answerPageOf(event.value.values);
                  answered = 0;
                  return pageStep();
                }),
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
