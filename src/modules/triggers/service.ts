// The triggers module's domain, for its GraphQL and REST surfaces: triggers are managed in
// management.ts, webhooks become invocations in ingest.ts, invocations are followed in invocations.ts.
export { publicAuthentication } from './authentication.ts';
export { webhookUrl } from './configuration.ts';
export { ingestWebhook, type IngestResult } from './ingest.ts';
export {
  invocationWhere,
  rerunInvocation,
  transformedPayloadOf,
  type InvocationFilter,
} from './invocations.ts';
export {
  createTrigger,
  deleteTrigger,
  getTrigger,
  listTriggers,
  rotateTriggerWebhookUrl,
  updateTrigger,
} from './management.ts';
