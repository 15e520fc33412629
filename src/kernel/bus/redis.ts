import type { Redis } from 'ioredis';
import type { ChannelListener, ChannelTarget } from './index.ts';
import { decodeMessage, encodeMessage } from './codec.ts';

/**
 * The channel target of the bus when instances share Redis (in the manner of
 * `@graphql-yoga/redis-event-target`, which lets publishing errors escape as unhandled rejections).
 * A message that cannot be encoded or sent is reported to `onPublishError`, never thrown: pub/sub
 * is at most once, and the change it announces is already committed.
 */
export function redisEventTarget(
  redis: { publisher: Redis; subscriber: Redis },
  onPublishError: (error: unknown) => void,
  onUnreadable: (channel: string, error: unknown) => void,
): ChannelTarget {
  const listeners = new Map<string, Set<ChannelListener>>();
  redis.subscriber.on('message', (channel: string, message: string) => {
    const callbacks = listeners.get(channel);
    if (!callbacks) return;
    let payloads: unknown[];
    try {
      payloads = decodeMessage(message);
    } catch (error) {
      // Not ours (anything may publish on a shared Redis): thrown here, it would end the process.
      onUnreadable(channel, error);
      return;
    }
    for (const payload of payloads) for (const callback of callbacks) callback(payload);
  });
  // The subscriber waits for Redis (no retry limit) and ioredis subscribes again after a reconnect;
  // a command can only fail once the client is closed, at shutdown.
  const ignoreClosed = () => {};
  return {
    addListener(channel, listener) {
      let callbacks = listeners.get(channel);
      if (!callbacks) {
        callbacks = new Set();
        listeners.set(channel, callbacks);
        redis.subscriber.subscribe(channel).catch(ignoreClosed);
      }
      callbacks.add(listener);
    },
    removeListener(channel, listener) {
      const callbacks = listeners.get(channel);
      if (!callbacks) return;
      callbacks.delete(listener);
      if (callbacks.size > 0) return;
      listeners.delete(channel);
      redis.subscriber.unsubscribe(channel).catch(ignoreClosed);
    },
    dispatch(channel, payloads) {
      try {
        redis.publisher.publish(channel, encodeMessage(payloads)).catch(onPublishError);
      } catch (error) {
        onPublishError(error);
      }
    },
  };
}
