import { AsyncLocalStorage } from 'node:async_hooks';
import { trace } from '@opentelemetry/api';

/** What every log line written while serving one request carries; filled in as it becomes known. */
export interface RequestLogFields {
  requestId?: string;
  tenantId?: string;
  operationName?: string;
}

const requestFields = new AsyncLocalStorage<RequestLogFields>();

/** Runs `work` with `fields` attached to its log lines (the object may be completed later). */
export const withLogFields = <T>(fields: RequestLogFields, work: () => T): T =>
  requestFields.run(fields, work);

/** The fields of the request being served, to complete; undefined outside a request. */
export const currentLogFields = () => requestFields.getStore();

/** The pino mixin: the request's fields, and the trace id when a span is active. */
export function logMixin(): object {
  const fields = requestFields.getStore();
  const span = trace.getActiveSpan()?.spanContext();
  return span ? { ...fields, traceId: span.traceId, spanId: span.spanId } : { ...fields };
}
