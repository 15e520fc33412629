import { z } from 'zod';
import type { Prisma } from '../generated/prisma/client.ts';

/**
 * A domain event: something that happened, declared once. Its name is at the same time its audit
 * `eventType`, its pub/sub topic and its webhook type; `aliases` are older webhook type names
 * that endpoints may still subscribe to.
 */
export interface DomainEvent<P = unknown> {
  name: `${string}.${string}`;
  description: string;
  /** The kind of resource the event is about (the audit log's `resourceType`). */
  resourceType: string;
  payload: z.ZodType<P>;
  /** Older webhook type names for this event, still accepted when an endpoint subscribes. */
  aliases?: readonly string[];
  /** Published on the bus under its name once committed (GraphQL subscriptions follow it). */
  live?: boolean;
  /** Whether endpoints may subscribe to it; events a tenant cannot act on stay in the audit log. */
  webhook: boolean;
  /** What endpoints can filter on and how deliveries of one resource are ordered. */
  route?(payload: P): EventRoute;
  /** The audit row's payload when it should be smaller than the event's (the full row stays in its table). */
  audit?(payload: P): Record<string, unknown>;
  /** A realistic payload: documentation and the catalogue's own test check it against `payload`. */
  example: P;
}

export interface EventRoute {
  /** Deliveries with one key reach an ordered endpoint in order (e.g. a conversation). */
  orderKey?: string | null;
  /** Endpoints limited to an agent receive only its events. */
  agentId?: string | null;
  /** The app event's own type, which endpoints may filter on. */
  subtype?: string | null;
}

export type AnyEvent = DomainEvent<any>;

/** Any JSON value, typed as Prisma types a Json column. */
export const jsonValue = () => z.json() as unknown as z.ZodType<Prisma.JsonValue>;

export const defineEvent = <P>(event: DomainEvent<P>): DomainEvent<P> => event;

/**
 * The JSON Schema of an event's payload as webhooks carry it: dates become ISO strings, as
 * `JSON.stringify` writes them.
 */
export function payloadJsonSchema(event: AnyEvent) {
  return z.toJSONSchema(event.payload, {
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema._zod.def.type === 'date')
        Object.assign(jsonSchema, { type: 'string', format: 'date-time' });
    },
  });
}

/** The events of every module, by name and by alias. */
export class EventCatalogue {
  private readonly byName = new Map<string, AnyEvent>();

  constructor(readonly events: readonly AnyEvent[]) {
    for (const event of events) {
      for (const name of [event.name, ...(event.aliases ?? [])]) {
        if (this.byName.has(name)) throw new Error(`event ${name} is declared twice`);
        this.byName.set(name, event);
      }
    }
  }

  /** The event a name or alias stands for. */
  find(name: string): AnyEvent | undefined {
    return this.byName.get(name);
  }

  has(event: AnyEvent) {
    return this.byName.get(event.name) === event;
  }

  /** Every name an endpoint may subscribe to: webhook events and their aliases. */
  webhookNames(): string[] {
    return this.events
      .filter((event) => event.webhook)
      .flatMap((event) => [event.name, ...(event.aliases ?? [])]);
  }
}
