import type { Duplex } from 'node:stream';
import type { ExecutionResult } from 'graphql';
import { WebSocket } from 'ws';
import { ANSWER_BATCH, type AnswerBatch } from './shared-subscriptions.ts';

/** Past this many unsent bytes on a socket, its streams wait for it to drain before reading on. */
const SOCKET_HIGH_WATER = 1024 * 1024;

/**
 * A result's JSON in UTF-8, once per result object: the subscribers that share an answer
 * (`shared-subscriptions.ts`) share its bytes too. The shape is graphql-ws's `next` payload.
 */
const payloads = new WeakMap<object, Buffer>();
function payloadBytes(result: ExecutionResult) {
  let bytes = payloads.get(result);
  if (bytes === undefined) payloads.set(result, (bytes = serialised(result)));
  return bytes;
}
function serialised(result: ExecutionResult) {
  if (result.errors === undefined) return Buffer.from(JSON.stringify(result));
  const { errors, ...withoutErrors } = result;
  return Buffer.from(JSON.stringify({ ...withoutErrors, errors }));
}
/** A batch's payloads, once per batch: a page's are kept by its array, not by each of thousands. */
const batchPayloads = new WeakMap<readonly ExecutionResult[], Buffer[]>();
function batchPayloadBytes(batch: readonly ExecutionResult[]) {
  let bytes = batchPayloads.get(batch);
  if (bytes === undefined) batchPayloads.set(batch, (bytes = batch.map(serialised)));
  return bytes;
}

/** A graphql-ws `next` message: its operation's prefix (`{"id":…,"payload":`), the payload, `}`. */
interface NextMessage {
  prefix: Buffer;
  payload: Buffer;
}
const messageLength = ({ prefix, payload }: NextMessage) => prefix.length + payload.length + 1;
/** A server's frame header (RFC 6455 §5.2, unmasked): 2 bytes, then the length in 0, 2 or 8 more. */
const frameHeaderLength = (length: number) => (length < 126 ? 2 : length < 65536 ? 4 : 10);
const FINAL_TEXT_FRAME = 0x81;
const CLOSING_BRACE = 0x7d;

/**
 * Messages for a socket in this turn of the event loop, written at its end as one buffer of
 * frames: what a published event sends a socket's many subscribers (or a replay's page sends one)
 * leaves in one piece, where ws would write a header and a payload per message. The socket stays
 * corked until then, so graphql-ws's own messages of the turn (`complete`) join the same write.
 * A subscription's second result in a turn (a burst of live events: a run journals the words that
 * came during a write together) first sends what the other sockets have waiting: each event
 * reaches all sockets before the next is sent, as when events come one per turn (one socket alone
 * is still written once; a replay's page is one result, `AnswerBatch`).
 */
const waiting = new Map<
  WebSocket,
  { messages: NextMessage[]; bytes: number; subscriptions: Set<Buffer> }
>();
const corked = new Set<Duplex>();
const endTurn = () => {
  for (const socket of waiting.keys()) writeWaiting(socket);
  for (const raw of corked) raw.uncork();
  corked.clear();
};

/**
 * Queues a subscription's message (`prefix` and `payload`) for the end of the turn; `inResult`: one
 * more message of the same result (a batch's), which the burst rule leaves with the first.
 */
function enqueue(socket: WebSocket, prefix: Buffer, payload: Buffer, inResult = false) {
  let queue = waiting.get(socket);
  if (!inResult && queue?.subscriptions.has(prefix) && waiting.size > 1) {
    endTurn();
    queue = undefined;
  }
  if (!queue) {
    waiting.set(socket, (queue = { messages: [], bytes: 0, subscriptions: new Set() }));
    const raw = rawSocketOf(socket);
    if (!corked.has(raw)) {
      if (!corked.size) setImmediate(endTurn);
      raw.cork();
      corked.add(raw);
    }
  }
  const message = { prefix, payload };
  queue.messages.push(message);
  queue.subscriptions.add(prefix);
  const length = messageLength(message);
  queue.bytes += frameHeaderLength(length) + length;
}

/** Writes the messages waiting for `socket` as the text frames ws would send, in one write. */
function writeWaiting(socket: WebSocket) {
  const queue = waiting.get(socket);
  if (!queue) return;
  waiting.delete(socket);
  if (socket.readyState !== WebSocket.OPEN) return;
  const frames = Buffer.allocUnsafe(queue.bytes);
  let offset = 0;
  for (const message of queue.messages) {
    const length = messageLength(message);
    frames[offset++] = FINAL_TEXT_FRAME;
    if (length < 126) frames[offset++] = length;
    else if (length < 65536) {
      frames[offset++] = 126;
      offset = frames.writeUInt16BE(length, offset);
    } else {
      frames[offset++] = 127;
      offset = frames.writeBigUInt64BE(BigInt(length), offset);
    }
    offset += message.prefix.copy(frames, offset);
    offset += message.payload.copy(frames, offset);
    frames[offset++] = CLOSING_BRACE;
  }
  rawSocketOf(socket).write(frames);
}

const rawSocketOf = (socket: WebSocket) => (socket as unknown as { _socket: Duplex })._socket;

/** Bytes not sent yet on `socket`, those waiting for the end of the turn included. */
const unsent = (socket: WebSocket) => socket.bufferedAmount + (waiting.get(socket)?.bytes ?? 0);

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
  const prefix = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
  let sending: Promise<IteratorResult<never>> | undefined;
  const send = async (): Promise<IteratorResult<never>> => {
    try {
      for (;;) {
        const step = await iterator.next();
        if (step.done) return { done: true, value: undefined };
        if (socket.readyState !== WebSocket.OPEN) continue;
        const batch = (step.value as Partial<AnswerBatch>)[ANSWER_BATCH];
        if (!batch) enqueue(socket, prefix, payloadBytes(step.value));
        else
          batchPayloadBytes(batch).forEach((payload, i) => enqueue(socket, prefix, payload, i > 0));
        if (unsent(socket) > SOCKET_HIGH_WATER) {
          writeWaiting(socket);
          await drained(socket);
        }
      }
    } finally {
      // graphql-ws writes `complete` or `error` next: the messages before it go first.
      writeWaiting(socket);
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
