import type { Duplex } from 'node:stream';
import type { ExecutionResult } from 'graphql';
import { WebSocket } from 'ws';

/** Past this many unsent bytes on a socket, its streams wait for it to drain before reading on. */
const SOCKET_HIGH_WATER = 1024 * 1024;

/**
 * A result's JSON, once per result object: the subscribers that share an answer
 * (`shared-subscriptions.ts`) share its text too. The shape is graphql-ws's `next` payload.
 */
const payloads = new WeakMap<object, string>();
function payloadJson(result: ExecutionResult) {
  let json = payloads.get(result);
  if (json === undefined) {
    const { errors, ...withoutErrors } = result;
    json = JSON.stringify(errors ? { ...withoutErrors, errors } : withoutErrors);
    payloads.set(result, json);
  }
  return json;
}

/**
 * Sockets written to in this turn of the event loop, corked until its end: the frames a published
 * event sends to a socket's many subscribers leave in one write instead of one each.
 */
const corked = new Set<Duplex>();
const uncorkAll = () => {
  for (const socket of corked) socket.uncork();
  corked.clear();
};
function corkForThisTurn(socket: Duplex) {
  if (corked.has(socket)) return;
  if (!corked.size) setImmediate(uncorkAll);
  socket.cork();
  corked.add(socket);
}

const rawSocketOf = (socket: WebSocket) => (socket as unknown as { _socket: Duplex })._socket;

/** Resolves once `socket` has sent what it buffered, or closed. */
function drained(socket: WebSocket) {
  const raw = rawSocketOf(socket);
  return new Promise<void>((resolve) => {
    const done = () => {
      raw.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    raw.on('drain', done);
    socket.on('close', done);
  });
}

/**
 * Sends a subscription's results to its socket as graphql-ws `next` messages (the same text
 * graphql-ws would write), without graphql-ws's per-message validation, serialisation and write
 * callback, which cost more than everything else once thousands of subscribers share each event.
 * Returns what graphql-ws iterates instead: it yields nothing and ends when the results end (then
 * graphql-ws sends `complete`) or throws what they throw (graphql-ws sends `error`); its `return`
 * (the client's `complete`, a closed socket) ends the results. A socket that does not read makes
 * the stream wait, so its source's own limit ends it.
 */
export function sendResults(
  socket: WebSocket,
  id: string,
  results: AsyncIterable<ExecutionResult>,
): AsyncIterableIterator<never> {
  const iterator = results[Symbol.asyncIterator]();
  const prefix = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  let sending: Promise<IteratorResult<never>> | undefined;
  const send = async (): Promise<IteratorResult<never>> => {
    for (;;) {
      const step = await iterator.next();
      if (step.done) return { done: true, value: undefined };
      if (socket.readyState !== WebSocket.OPEN) continue;
      corkForThisTurn(rawSocketOf(socket));
      socket.send(`${prefix}${payloadJson(step.value)}}`);
      if (socket.bufferedAmount > SOCKET_HIGH_WATER) await drained(socket);
    }
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    // graphql-ws asks once, after it registered the operation: nothing is sent before that.
    next: () => (sending ??= send()),
    async return() {
      await iterator.return?.();
      return { done: true, value: undefined };
    },
  };
}
