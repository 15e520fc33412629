import { Redis } from 'ioredis';
import type { Scope } from '../../db/scoped.ts';
import { AppError, connectionFailure } from '../errors.ts';
import type {
  AppEvent,
  AuditEvent,
  Execution,
  LlmEvent,
  TriggerInvocation,
  WebhookDelivery,
} from '../../generated/prisma/client.ts';
import type { Logger } from '../logger.ts';
import type { JournalEntry } from '../../modules/executions/journal.ts';
import { waitUntilAvailable } from '../net/wait.ts';
import { redisEventTarget } from './redis.ts';
import { Feed } from './feed.ts';

/**
 * What each topic carries. Every topic is per tenant: a subscriber never receives another tenant's
 * payloads. `EVERY_TENANT` carries what the instances themselves follow (`apiKeyRevoked`,
 * `triggersChanged`).
 */
export interface TopicPayloads {
  apiKeyRevoked: { keyId: string; projectId: string | null };
  'app_event.logged': AppEvent;
  auditEventRecorded: AuditEvent;
  'llm_event.recorded': LlmEvent;
  executionJournal: JournalEntry;
  executionUpdated: Execution;
  triggerInvocationUpdated: TriggerInvocation;
  webhookDeliveryUpdated: WebhookDelivery;
  /** A tenant's triggers or signing credentials changed: each instance drops what it cached of them. */
  triggersChanged: { tenantId: string; projectId: null };
}
export type Topic = keyof TopicPayloads;

/** Payloads a subscriber may leave unread before its stream ends (`fellBehind`). */
const MAX_UNREAD = 1024;

/** The channel of payloads for the instances themselves rather than a tenant's subscribers. */
export const EVERY_TENANT = '*';

/** One payload as this process published it, narrowed by `topic`. */
export type Published = {
  [T in Topic]: { topic: T; tenantId: string; payload: TopicPayloads[T] };
}[Topic];

/** A listener of one channel's payloads. */
export type ChannelListener = (payload: unknown) => void;

/** Where payloads are dispatched by channel name: in process, or through Redis (`redis.ts`). */
export interface ChannelTarget {
  addListener(channel: string, listener: ChannelListener): void;
  removeListener(channel: string, listener: ChannelListener): void;
  /** Gives the channel's listeners each payload, in order (through Redis, as one message). */
  dispatch(channel: string, payloads: unknown[]): void;
}

/**
 * Publish/subscribe between the parts of Switchboard and across its instances: in-process by
 * default, through Redis with REDIS_URL (payloads in `codec.ts`'s JSON, which keeps Dates and
 * BigInts). Publishing never throws: while Redis is away, payloads are dropped, logged and counted.
 */
export class EventBus {
  private readonly target: ChannelTarget;
  /** Payloads that could not be published since start (shown by /readyz). */
  publishFailures = 0;
  private readonly resubscribed = new Set<() => void>();
  private readonly observers = new Set<(published: Published) => void>();
  private lastOutageLog = 0;

  private constructor(
    private readonly prefix: string,
    private readonly logger: Logger,
    readonly redis: { publisher: Redis; subscriber: Redis } | null,
  ) {
    this.target = redis
      ? redisEventTarget(
          redis,
          (error) => this.publishFailed(error),
          (channel, error) =>
            logger.warn(
              { channel, reason: (error as Error).message },
              'unreadable pub/sub message dropped',
            ),
        )
      : localEventTarget();
    if (redis) {
      let lost = false;
      redis.subscriber.on('close', () => (lost = true));
      redis.subscriber.on('ready', () => {
        if (!lost) return;
        lost = false;
        // 'ready' comes just before ioredis subscribes again; a PING sent after it answers once the
        // subscriptions are back.
        setImmediate(() =>
          redis.subscriber.ping().then(
            () => this.resubscribed.forEach((listener) => listener()),
            () => {},
          ),
        );
      });
    }
  }

  static inProcess(prefix: string, logger: Logger) {
    return new EventBus(prefix, logger, null);
  }

  /** Waits for Redis at start; later, both clients reconnect by themselves (the subscriber subscribes again). */
  static async redis(url: string, prefix: string, logger: Logger) {
    // No offline queue for the publisher: while Redis is away a publish (or a rate-limit count) fails
    // at once instead of piling up; the subscriber's commands wait for the connection instead.
    // Commands of one tick share a write: a batch of deliveries publishes hundreds of updates at once.
    const publisher = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      enableAutoPipelining: true,
    });
    const subscriber = new Redis(url, { maxRetriesPerRequest: null });
    for (const [name, client] of [
      ['publisher', publisher],
      ['subscriber', subscriber],
    ] as const)
      reportConnection(client, `Redis ${name}`, logger);
    await waitUntilAvailable(
      `Redis at ${new URL(url).host}`,
      () => Promise.all([ready(publisher), ready(subscriber)]),
      logger,
    );
    return new EventBus(prefix, logger, { publisher, subscriber });
  }

  private publishFailed(error: unknown) {
    this.publishFailures += 1;
    const reason = connectionFailure(error);
    if (!reason)
      this.logger.error(
        { err: error, publishFailures: this.publishFailures },
        'pub/sub payload dropped',
      );
    // While Redis is away every publish fails: one line every 10 s is enough.
    else if (Date.now() - this.lastOutageLog >= 10_000) {
      this.lastOutageLog = Date.now();
      this.logger.warn(
        { reason, publishFailures: this.publishFailures },
        'pub/sub payloads dropped: Redis is unreachable',
      );
    }
  }

  private channel(topic: Topic, tenantId: string) {
    return `${this.prefix}${topic}:${tenantId}`;
  }

  publish<T extends Topic>(topic: T, tenantId: string, payload: TopicPayloads[T]): void {
    this.send(topic, tenantId, [payload]);
  }

  /**
   * Publishes payloads in order, each run of one topic and tenant as one message: a batch of
   * ingested events is one Redis command per topic, not one per event.
   */
  publishAll(published: readonly Published[]): void {
    let run: Published[] = [];
    for (const [index, item] of published.entries()) {
      run.push(item);
      const next = published[index + 1];
      if (next?.topic === item.topic && next.tenantId === item.tenantId) continue;
      this.send(
        item.topic,
        item.tenantId,
        run.map(({ payload }) => payload),
      );
      run = [];
    }
  }

  private send(topic: Topic, tenantId: string, payloads: unknown[]) {
    try {
      this.target.dispatch(this.channel(topic, tenantId), payloads);
    } catch (error) {
      this.publishFailed(error);
    }
    for (const observer of this.observers) {
      for (const payload of payloads) {
        try {
          observer({ topic, tenantId, payload } as Published);
        } catch (error) {
          this.logger.error({ err: error, topic }, 'a publish observer failed');
        }
      }
    }
  }

  /**
   * Calls `observer` with every payload this process publishes, whether or not it reached pub/sub
   * (metrics and logs count the work done here). Returns the unsubscribe.
   */
  onPublish(observer: (published: Published) => void): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /**
   * Calls `listener` with each payload of one topic inside `scope` (its tenant, and its project for
   * a project-limited key), as it is dispatched, until the returned function is called. For a stream
   * that delivers without an iterator of its own per subscriber; otherwise `subscribe`.
   */
  listen<T extends Topic>(
    topic: T,
    scope: Scope,
    listener: (payload: TopicPayloads[T]) => void,
  ): () => void {
    const channel = this.channel(topic, scope.tenantId);
    const onPayload = (payload: unknown) => {
      const typed = payload as TopicPayloads[T];
      if (scope.projectId && typed.projectId !== scope.projectId) return;
      listener(typed);
    };
    this.target.addListener(channel, onPayload);
    return () => this.target.removeListener(channel, onPayload);
  }

  /**
   * Payloads of one topic inside `scope` until `signal` aborts (server shutdown), when the stream
   * completes.
   */
  subscribe<T extends Topic>(
    topic: T,
    scope: Scope,
    signal: AbortSignal,
  ): AsyncIterable<TopicPayloads[T]> {
    // One feed per subscriber, fed by the channel's listener: a popular channel has thousands of
    // subscribers, and each payload goes through every one of them.
    return new Feed<TopicPayloads[T]>((feed) => {
      const stopListening = this.listen(topic, scope, (payload) => {
        // The subscriber stopped reading (its socket is full) and 1,024 payloads wait: its stream
        // ends with an error instead of growing.
        if (feed.unread >= MAX_UNREAD) feed.end(fellBehind());
        else feed.push(payload);
      });
      const abort = () => feed.end();
      signal.addEventListener('abort', abort, { once: true });
      if (signal.aborted) abort();
      return () => {
        signal.removeEventListener('abort', abort);
        stopListening();
      };
    });
  }

  /**
   * Calls `listener` whenever the subscriptions are back after Redis was away: what was published
   * meanwhile is lost, so streams that must not miss anything read it back. Returns the unsubscribe.
   */
  onResubscribed(listener: () => void): () => void {
    this.resubscribed.add(listener);
    return () => this.resubscribed.delete(listener);
  }

  async ping(): Promise<void> {
    if (!this.redis) return;
    if (this.redis.publisher.status !== 'ready' || this.redis.subscriber.status !== 'ready')
      throw new Error('Redis is unreachable');
    await this.redis.publisher.ping();
  }

  async close(): Promise<void> {
    if (!this.redis) return;
    // quit() would wait for a Redis that is away.
    await Promise.all(
      [this.redis.publisher, this.redis.subscriber].map((client) =>
        client.status === 'ready'
          ? client.quit().catch(() => client.disconnect())
          : client.disconnect(),
      ),
    );
  }
}

/** Why a stream whose subscriber stopped reading was ended. */
const fellBehind = () =>
  new AppError(
    'SERVICE_UNAVAILABLE',
    'This subscription fell too far behind and was ended; subscribe again to catch up.',
  );

/** Resolves once `client` is connected; rejects with the error of a failed attempt. */
function ready(client: Redis): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      client.off('ready', settle);
      client.off('error', settle);
      if (error) reject(error);
      else resolve();
    };
    client.on('ready', settle);
    client.on('error', settle);
  });
}

/**
 * One log line when a connection is lost and one when it is back (ioredis reconnects by itself,
 * every 2 s at most); before the first connection, start-up's waiting lines say it.
 */
function reportConnection(client: Redis, name: string, logger: Logger) {
  let state: 'connecting' | 'up' | 'lost' = 'connecting';
  // Each failed attempt is an 'error' event; without a listener ioredis prints every one with its stack.
  client.on('error', () => {});
  client.on('reconnecting', () => {
    if (state !== 'up') return;
    state = 'lost';
    logger.warn(`${name}: connection lost, reconnecting`);
  });
  client.on('ready', () => {
    if (state === 'lost') logger.info(`${name}: connection back`);
    state = 'up';
  });
}

/**
 * In-process dispatch by channel name, as `redis.ts` does for Redis: a popular execution has
 * thousands of listeners, which Node's EventTarget calls at several times the cost (and warns past 10).
 */
function localEventTarget(): ChannelTarget {
  const listeners = new Map<string, Set<ChannelListener>>();
  return {
    addListener(channel, listener) {
      let callbacks = listeners.get(channel);
      if (!callbacks) listeners.set(channel, (callbacks = new Set()));
      callbacks.add(listener);
    },
    removeListener(channel, listener) {
      const callbacks = listeners.get(channel);
      if (!callbacks) return;
      callbacks.delete(listener);
      if (!callbacks.size) listeners.delete(channel);
    },
    dispatch(channel, payloads) {
      const callbacks = listeners.get(channel);
      if (!callbacks) return;
      for (const payload of payloads) for (const callback of callbacks) callback(payload);
    },
  };
}
