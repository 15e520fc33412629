import { setMaxListeners } from 'node:events';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, filter, pipe, Repeater } from 'graphql-yoga';
import { Redis } from 'ioredis';
import superjson from 'superjson';
import type { Scope } from '../db/scoped.ts';
import type { AppEvent, AuditEvent, Execution, LlmEvent, TriggerInvocation, WebhookDelivery } from '../generated/prisma/client.ts';
import type { JournalEntry } from '../modules/executions/journal.ts';

/** What each topic carries. Every topic is per tenant: a subscriber never receives another tenant's payloads. */
export interface TopicPayloads {
  appEventLogged: AppEvent;
  auditEventRecorded: AuditEvent;
  llmEventRecorded: LlmEvent;
  executionJournal: JournalEntry;
  executionUpdated: Execution;
  triggerInvocationUpdated: TriggerInvocation;
  webhookDeliveryUpdated: WebhookDelivery;
}
export type Topic = keyof TopicPayloads;

type ChannelMap = Record<string, [payload: unknown]>;

/**
 * Publish/subscribe between the parts of Switchboard and across its instances: in-process by
 * default, through Redis with REDIS_URL. superjson keeps Dates and BigInts intact over Redis.
 */
export class EventBus {
  private readonly pubsub;

  private constructor(
    private readonly prefix: string,
    readonly redis: { publisher: Redis; subscriber: Redis } | null,
  ) {
    this.pubsub = createPubSub<ChannelMap>(
      redis
        ? {
            eventTarget: createRedisEventTarget({
              publishClient: redis.publisher,
              subscribeClient: redis.subscriber,
              serializer: { stringify: superjson.stringify, parse: superjson.parse },
            }),
          }
        : { eventTarget: unlimitedEventTarget() },
    );
  }

  static inProcess(prefix: string) {
    return new EventBus(prefix, null);
  }

  static async redis(url: string, prefix: string) {
    const options = { lazyConnect: true, maxRetriesPerRequest: 3 };
    const publisher = new Redis(url, options);
    const subscriber = new Redis(url, options);
    await Promise.all([publisher.connect(), subscriber.connect()]);
    return new EventBus(prefix, { publisher, subscriber });
  }

  private channel(topic: Topic, tenantId: string) {
    return `${this.prefix}${topic}:${tenantId}`;
  }

  publish<T extends Topic>(topic: T, tenantId: string, payload: TopicPayloads[T]): void {
    this.pubsub.publish(this.channel(topic, tenantId), payload);
  }

  /**
   * Payloads of one topic inside `scope` (its tenant, and its project for a project-limited key)
   * until `signal` aborts (server shutdown), when the stream completes.
   */
  subscribe<T extends Topic>(topic: T, scope: Scope, signal: AbortSignal): AsyncIterable<TopicPayloads[T]> {
    const source = this.pubsub.subscribe(this.channel(topic, scope.tenantId)) as AsyncIterable<TopicPayloads[T]>;
    const inScope = scope.projectId
      ? filter((payload: TopicPayloads[T]) => payload.projectId === scope.projectId)
      : (stream: AsyncIterable<TopicPayloads[T]>) => stream;
    return completeOnAbort(pipe(source, inScope), signal);
  }

  async ping(): Promise<void> {
    if (this.redis) await this.redis.publisher.ping();
  }

  async close(): Promise<void> {
    if (!this.redis) return;
    await Promise.all([this.redis.publisher.quit(), this.redis.subscriber.quit()]);
  }
}

/** An in-process event target without Node's warning past 10 listeners: a popular execution has thousands of subscribers. */
function unlimitedEventTarget() {
  const target = new EventTarget();
  setMaxListeners(0, target);
  return target;
}

function completeOnAbort<T>(source: AsyncIterable<T>, signal: AbortSignal): AsyncIterable<T> {
  return new Repeater<T>(async (push, stop) => {
    const iterator = source[Symbol.asyncIterator]();
    const abort = () => stop();
    signal.addEventListener('abort', abort, { once: true });
    if (signal.aborted) stop();
    const stopped = stop.then(() => ({ done: true as const, value: undefined }));
    try {
      for (;;) {
        const next = await Promise.race([iterator.next(), stopped]);
        if (next.done) break;
        await push(next.value);
      }
    } finally {
      signal.removeEventListener('abort', abort);
      await iterator.return?.();
      stop();
    }
  });
}
