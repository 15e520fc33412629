import type { Duplex } from 'node:stream';
import type { ExecutionResult } from 'graphql';
import { WebSocket } from 'ws';
import { ANSWER_BATCH, type AnswerBatch } from './shared-subscriptions.ts';

/** Past this many unsent bytes on a socket, its streams wait for it to drain before reading on. */
const SOCKET_HIGH_WATER = 1024 * 1024;
/**
 * Bytes of `next` messages a socket may have written that its client has not yet acknowledged
 * (answered the ping written after them); at least one event's messages always go. A client reads
 * each connection's backlog in turn, so a server that writes ahead of the reading makes the last
 * subscriber of an event wait for every event already queued on the sockets read before its own.
 */
const UNACKNOWLEDGED_BYTES = 32 * 1024;
/**
 * How long held flights wait for an answer before the next window goes anyway: a client (or a
 * server) short of CPU answers late, and its events must not wait a round trip each.
 */
const ANSWER_WAIT_MS = 100;

/**
 * A result's JSON in UTF-8, once per result object: the subscribers that share an answer
 * (`shared-subscriptions.ts`) share its bytes too. The shape is graphql-ws's `next` payload.
 */
const payloads = new WeakMap<object, Buffer>();
function payloadBytes(result: ExecutionResult) {
  let bytes = payloads.get(result);
  if (bytes === undefined) {
    const { errors, ...withoutErrors } = result;
    bytes = Buffer.from(JSON.stringify(errors ? { ...withoutErrors, errors } : withoutErrors));
    payloads.set(result, bytes);
  }
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
/** A ping whose payload is its number (4 bytes), which the client's pong sends back. */
const PING_FRAME = 0x89;
const PING_LENGTH = 6;

/** Messages that go out together: one event's for every subscription of a socket (or a replay's page). */
interface Flight {
  messages: NextMessage[];
  bytes: number;
  subscriptions: Set<Buffer>;
  number: number;
}

/**
 * One socket's outgoing `next` messages. Those of one event-loop turn are written at its end as one
 * buffer of frames, where ws would write a header and a payload per message; a subscription's
 * second message in a turn (a burst of live events: a run journals the words that came during a
 * write together) starts the socket's next flight. A ping follows each write, and later flights
 * wait while `UNACKNOWLEDGED_BYTES` are unanswered: each client is sent events at the pace it
 * reads them, so a fast server does not queue a popular run's events in the sockets of a client
 * that reads its connections in turn, and a client that stops reading is not sent more.
 */
class Line {
  private open?: Flight;
  private readonly held: Flight[] = [];
  private heldBytes = 0;
  private flights = 0;
  private written = 0;
  private pings = 0;
  /** Written pings not answered yet, with the bytes before each. */
  private readonly unanswered: { ping: number; bytes: number }[] = [];
  private unansweredBytes = 0;
  /** Streams waiting for a flight to be written, or for the socket to fall under its high water. */
  private writeWaiters: { flight: number; resume: () => void }[] = [];
  /** Set while flights wait for an answer; when it fires, the next window goes unanswered. */
  private answerTimer?: NodeJS.Timeout;
  private roomWaiters: (() => void)[] = [];

  constructor(
    private readonly socket: WebSocket,
    private readonly raw: Duplex,
  ) {
    socket.on('pong', (data: Buffer) => {
      if (data.length !== 4) return; // graphql-ws's keep-alive ping
      const answered = data.readUInt32BE(0);
      while (this.unanswered.length && this.unanswered[0].ping <= answered)
        this.unansweredBytes -= this.unanswered.shift()!.bytes;
      clearTimeout(this.answerTimer);
      this.answerTimer = undefined;
      this.write();
    });
    raw.on('drain', () => this.wakeRoomWaiters());
    socket.once('close', () => {
      lines.delete(socket);
      clearTimeout(this.answerTimer);
      this.held.length = 0;
      this.heldBytes = 0;
      this.open = undefined;
      this.wakeWriteWaiters(Infinity);
      this.wakeRoomWaiters();
    });
  }

  /** Adds a message to this turn's flight; `inResult`: one more of the same result (a batch's). */
  add(message: NextMessage, inResult: boolean) {
    if (this.open && !inResult && this.open.subscriptions.has(message.prefix)) this.close();
    if (!this.open) {
      this.open = { messages: [], bytes: 0, subscriptions: new Set(), number: ++this.flights };
      toWrite.add(this);
      if (toWrite.size === 1) setImmediate(endTurn);
    }
    this.open.messages.push(message);
    this.open.subscriptions.add(message.prefix);
    const length = messageLength(message);
    this.open.bytes += frameHeaderLength(length) + length;
  }

  /** Bytes not sent yet, those held for the client's answer included. */
  get unsent() {
    return this.socket.bufferedAmount + this.heldBytes + (this.open?.bytes ?? 0);
  }

  /** Closes this turn's flight and writes what the client's pace allows. */
  flush() {
    this.close();
    this.write();
  }

  /** Resolves once every message added so far is written (or the socket closed). */
  whenWritten(): Promise<void> | undefined {
    this.flush();
    const flight = this.flights;
    if (this.written >= flight) return undefined;
    return new Promise((resume) => this.writeWaiters.push({ flight, resume }));
  }

  /** Resolves once the socket is under its high water again (or closed). */
  whenRoom(): Promise<void> | undefined {
    this.flush();
    if (this.unsent <= SOCKET_HIGH_WATER) return undefined;
    return new Promise((resume) => this.roomWaiters.push(resume));
  }

  private close() {
    if (!this.open) return;
    this.held.push(this.open);
    this.heldBytes += this.open.bytes;
    this.open = undefined;
  }

  /** Writes the held flights the client's unanswered bytes leave room for, then a ping. */
  private write(unanswered = this.unansweredBytes) {
    let count = 0;
    let bytes = 0;
    for (const { bytes: next } of this.held) {
      const total = unanswered + bytes;
      if (total > 0 && total + next > UNACKNOWLEDGED_BYTES) break;
      count += 1;
      bytes += next;
    }
    if (count < this.held.length)
      this.answerTimer ??= setTimeout(() => {
        this.answerTimer = undefined;
        this.write(0);
      }, ANSWER_WAIT_MS).unref();
    if (!count) return;
    const flights = this.held.splice(0, count);
    this.heldBytes -= bytes;
    this.written = flights[count - 1].number;
    if (this.socket.readyState === WebSocket.OPEN) {
      const ping = ++this.pings;
      corkForTurn(this.raw);
      this.raw.write(framesOf(flights, bytes, ping));
      this.unanswered.push({ ping, bytes });
      this.unansweredBytes += bytes;
    }
    this.wakeWriteWaiters(this.written);
    this.wakeRoomWaiters();
  }

  private wakeWriteWaiters(written: number) {
    const waiting = this.writeWaiters;
    this.writeWaiters = waiting.filter(({ flight }) => flight > written);
    for (const { flight, resume } of waiting) if (flight <= written) resume();
  }

  private wakeRoomWaiters() {
    if (!this.roomWaiters.length || (lines.has(this.socket) && this.unsent > SOCKET_HIGH_WATER))
      return;
    const waiting = this.roomWaiters;
    this.roomWaiters = [];
    for (const resume of waiting) resume();
  }
}

/** The flights' messages as the text frames ws would send, then a ping numbered `ping`. */
function framesOf(flights: Flight[], bytes: number, ping: number) {
  const frames = Buffer.allocUnsafe(bytes + PING_LENGTH);
  let offset = 0;
  for (const { messages } of flights) {
    for (const message of messages) {
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
  }
  frames[offset++] = PING_FRAME;
  frames[offset++] = 4;
  frames.writeUInt32BE(ping, offset);
  return frames;
}

const lines = new Map<WebSocket, Line>();
const rawSocketOf = (socket: WebSocket) => (socket as unknown as { _socket: Duplex })._socket;
function lineOf(socket: WebSocket) {
  let line = lines.get(socket);
  if (!line) lines.set(socket, (line = new Line(socket, rawSocketOf(socket))));
  return line;
}

/**
 * Sockets written in this turn stay corked until its end, so graphql-ws's own messages of the turn
 * (the `complete` of every subscription a run's end finishes) join the same write.
 */
const corked = new Set<Duplex>();
function corkForTurn(raw: Duplex) {
  if (corked.has(raw)) return;
  if (!corked.size) setImmediate(uncorkAll);
  raw.cork();
  corked.add(raw);
}
const uncorkAll = () => {
  for (const raw of corked) raw.uncork();
  corked.clear();
};

/** Lines with messages added in this turn. */
const toWrite = new Set<Line>();
const endTurn = () => {
  for (const line of toWrite) line.flush();
  toWrite.clear();
};

/**
 * One graphql-ws subscription's `next` messages to its socket (the same text graphql-ws would
 * write), without graphql-ws's per-message validation, serialisation and write callback, which
 * cost more than everything else once thousands of subscribers share each event.
 */
export class SubscriptionFrames {
  private readonly prefix: Buffer;

  constructor(
    private readonly socket: WebSocket,
    id: string,
  ) {
    this.prefix = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
  }

  /**
   * Takes a ready result straight from its source, in order with those `send` iterates: false
   * when the socket is full, and the result must wait in its stream.
   */
  readonly take = (result: ExecutionResult) => {
    if (this.socket.readyState !== WebSocket.OPEN) return true;
    const line = lineOf(this.socket);
    if (line.unsent > SOCKET_HIGH_WATER) return false;
    line.add({ prefix: this.prefix, payload: payloadBytes(result) }, false);
    return true;
  };

  /**
   * Sends `results`. Returns what graphql-ws iterates instead: it yields nothing and ends when the
   * results end (then graphql-ws sends `complete`) or throws what they throw (graphql-ws sends
   * `error`), each once the messages before it are written; its `return` (the client's `complete`,
   * a closed socket) ends the results. A socket that does not read makes the stream wait, so its
   * source's own limit ends it.
   */
  send(results: AsyncIterable<ExecutionResult>): AsyncIterableIterator<never> {
    const { socket, prefix } = this;
    const iterator = results[Symbol.asyncIterator]();
    let sending: Promise<IteratorResult<never>> | undefined;
    const send = async (): Promise<IteratorResult<never>> => {
      try {
        for (;;) {
          const step = await iterator.next();
          if (step.done) return { done: true, value: undefined };
          if (socket.readyState !== WebSocket.OPEN) continue;
          const line = lineOf(socket);
          const batch = (step.value as Partial<AnswerBatch>)[ANSWER_BATCH];
          if (!batch) line.add({ prefix, payload: payloadBytes(step.value) }, false);
          else
            batch.forEach((answer, i) =>
              line.add({ prefix, payload: payloadBytes(answer) }, i > 0),
            );
          if (line.unsent > SOCKET_HIGH_WATER) await line.whenRoom();
        }
      } finally {
        // graphql-ws writes `complete` or `error` next: the messages before it go first.
        await lines.get(socket)?.whenWritten();
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
}
