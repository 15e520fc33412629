import { builder } from '../../schema/builder.ts';
import { catalogue } from '../catalogue.ts';
import { webhookEventTypes, type WebhookEventType } from './event-types.ts';
import { subscribableTypes } from './service.ts';

/** An enum value per name or alias: `app_event.logged` is APP_EVENT_LOGGED. */
const descriptionOf = (name: string) => {
  const event = catalogue.find(name)!;
  return event.name === name ? event.description : `The older name of \`${event.name}\`.`;
};
export const WebhookEventTypeName = builder.enumType('WebhookEventType', {
  description: 'What an outbound webhook is about. See `webhookEventTypes` for each payload.',
  values: Object.fromEntries(
    subscribableTypes({ catalogue }).map((name) => [
      name.replace(/\./g, '_').toUpperCase(),
      { value: name, description: descriptionOf(name) },
    ]),
  ),
});

const EventTypeRef = builder.objectRef<WebhookEventType>('WebhookEventTypeInfo').implement({
  description: 'An event endpoints may subscribe to, from the event catalogue.',
  fields: (t) => ({
    name: t.exposeString('name', {
      description: 'The type deliveries carry, e.g. `app_event.logged`.',
    }),
    description: t.exposeString('description', { description: 'What happened.' }),
    aliases: t.exposeStringList('aliases', {
      description: 'Older names one may subscribe with; deliveries carry the name subscribed to.',
    }),
    resourceType: t.exposeString('resourceType', { description: 'What the event is about.' }),
    schema: t.field({
      type: 'JSONObject',
      description: 'The JSON Schema of the delivered `data`.',
      resolve: (type) => type.schema,
    }),
    example: t.field({
      type: 'JSON',
      description: 'An example of the delivered `data`.',
      resolve: (type) => type.example as never,
    }),
  }),
});

builder.queryField('webhookEventTypes', (t) =>
  t.field({
    type: [EventTypeRef],
    description: 'The webhook event catalogue: every type an endpoint may subscribe to.',
    authScopes: { tenant: true },
    resolve: (_root, _args, ctx) => webhookEventTypes(ctx.services.catalogue),
  }),
);
