import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-node';
import { PrismaInstrumentation } from '@prisma/instrumentation';

/**
 * Starts OpenTelemetry for this process: spans go to the OTLP endpoint (OTEL_EXPORTER_OTLP_ENDPOINT
 * and the other OTEL_* variables), or, in tests, to `exporter` as soon as they end. W3C
 * `traceparent` headers are read and written. Until it runs, the spans of src/kernel/tracing.ts are no-ops.
 */
export function startTracing(options: { exporter?: SpanExporter } = {}) {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      'service.name': process.env.OTEL_SERVICE_NAME ?? 'switchboard',
    }),
    spanProcessors: [
      options.exporter
        ? new SimpleSpanProcessor(options.exporter)
        : new BatchSpanProcessor(new OTLPTraceExporter()),
    ],
  });
  provider.register();
  const disableInstrumentations = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [new PrismaInstrumentation()],
  });
  return {
    provider,
    /** Sends the spans still buffered. */
    async shutdown() {
      disableInstrumentations();
      await provider.shutdown();
    },
  };
}
