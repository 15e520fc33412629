// Spans around the server's work, through the OpenTelemetry API only: without
// src/observability/tracing.ts's startTracing they cost next to nothing.
import {
  context,
  propagation,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
  type SpanKind,
} from '@opentelemetry/api';

export { SpanKind } from '@opentelemetry/api';

const tracer = () => trace.getTracer('switchboard');

/**
 * Runs `work` in a new active span (its children, Prisma's included, nest under it): ended when
 * the work settles, marked as an error when it throws.
 */
export function inSpan<T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Attributes },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(name, options, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The headers a request's trace is read from (a fetch `Headers`, or a socket request's). */
export type TraceCarrier = Pick<Headers, 'get' | 'keys'>;

/** Runs `work` under the trace a request's `traceparent` names (a fresh trace without one). */
export function withIncomingTrace<T>(headers: TraceCarrier, work: () => T): T {
  const parent = propagation.extract(context.active(), headers, {
    get: (carrier, key) => carrier.get(key) ?? undefined,
    keys: (carrier) => [...carrier.keys()],
  });
  return context.with(parent, work);
}

/** `headers` plus the `traceparent` of the active span, for a request leaving this process. */
export function withOutgoingTrace(headers: Record<string, string>): Record<string, string> {
  const carried = { ...headers };
  propagation.inject(context.active(), carried);
  return carried;
}
