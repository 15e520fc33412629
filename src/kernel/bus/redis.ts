import type { Redis } from 'ioredis';
import { decodePayload, encodePayload } from './codec.ts';

type Listener = (event: CustomEvent) => void;

/**
 * The event target the bus dispatches on when instances share Redis (in the manner of
 * `@graphql-yoga/redis-event-target`, which lets publishing errors escape as unhandled rejections).
 * A payload that cannot be encoded or sent is reported to `onPublishError`, never thrown: pub/sub
 * is at most once, and the change it announces is already committed.
 */
export function redisEventTarget(
  redis: { publisher: Redis; subscriber: Redis },
  onPublishError: (error: unknown) => void,
  onUnreadable: (channel: string, error: unknown) => void,
) {
  const listeners = new Map<string, Set<Listener>>();
  redis.subscriber.on('message', (channel: string, message: string) => {
    const callbacks = listeners.get(channel);
    if (!callbacks) return;
    let detail: unknown;
    try {
      detail = decodePayload(message);
    } catch (error) {
      // Not ours (anything may publish on a shared Redis): thrown here, it would end the process.
      onUnreadable(channel, error);
      return;
    }
    const event = new CustomEvent(channel, { detail });
    for (const callback of callbacks) callback(event);
  });
  // The subscriber waits for Redis (no retry limit) and ioredis subscribes again after a reconnect;
  // a command can only fail once the client is closed, at shutdown.
  const ignoreClosed = () => {};
  return {
    addEventListener(channel: string, listener: Listener | { handleEvent: Listener } | null) {
      if (!listener) return;
      let callbacks = listeners.get(channel);
      if (!callbacks) {
        callbacks = new Set();
        listeners.set(channel, callbacks);
        redis.subscriber.subscribe(channel).catch(ignoreClosed);
      }
      callbacks.add('handleEvent' in listener ? listener.handleEvent : listener);
    },
    removeEventListener(channel: string, listener: Listener | { handleEvent: Listener } | null) {
      const callbacks = listeners.get(channel);
      if (!listener || !callbacks) return;
      callbacks.delete('handleEvent' in listener ? listener.handleEvent : listener);
      if (callbacks.size > 0) return;
      listeners.delete(channel);
      redis.subscriber.unsubscribe(channel).catch(ignoreClosed);
    },
    dispatchEvent(event: CustomEvent) {
      try {
        redis.publisher.publish(event.type, encodePayload(event.detail)).catch(onPublishError);
      } catch (error) {
        onPublishError(error);
      }
      return true;
    },
  };
}
