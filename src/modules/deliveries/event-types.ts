import { payloadJsonSchema, type EventCatalogue } from '../../kernel/events.ts';

/** A webhook event type as the catalogue serves it: what it means, its payload's schema, an example. */
export interface WebhookEventType {
  name: string;
  description: string;
  /** Older names endpoints may subscribe with; deliveries carry the name subscribed to. */
  aliases: string[];
  resourceType: string;
  /** The JSON Schema of `data` in the delivered body. */
  schema: Record<string, unknown>;
  /** An example of `data`, as delivered (dates as ISO strings). */
  example: unknown;
}

/** Every event endpoints may subscribe to, by name. */
export function webhookEventTypes(catalogue: EventCatalogue): WebhookEventType[] {
  return catalogue.events
    .filter((event) => event.webhook)
    .map((event) => ({
      name: event.name,
      description: event.description,
      aliases: [...(event.aliases ?? [])],
      resourceType: event.resourceType,
      schema: payloadJsonSchema(event) as Record<string, unknown>,
      example: JSON.parse(JSON.stringify(event.example)) as unknown,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
