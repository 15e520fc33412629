import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { startTracing } from '../../src/observability/tracing.ts';
import { LogEvent } from '../support/operations.ts';
import { eventually, startServer, type TestServer } from '../support/switchboard.ts';

const TracingCreateEndpoint = graphql(`
  mutation TracingCreateEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      endpoint {
        id
      }
    }
  }
`);

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN_ID = '00f067aa0ba902b7';
const exporter = new InMemorySpanExporter();
const tracing = startTracing({ exporter });
const received: (string | undefined)[] = [];
let receiver: http.Server;
let server: TestServer;

beforeAll(async () => {
  receiver = http.createServer((request, response) => {
    received.push(request.headers.traceparent as string | undefined);
    request.resume();
    request.on('end', () => response.writeHead(200).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  server = await startServer({
    env: { OUTBOUND_ALLOWED_NETWORKS: 'loopback', DELIVERY_POLL_MS: '50' },
  });
});
afterAll(async () => {
  await server?.stop();
  receiver?.close();
  await tracing.shutdown();
});

describe('traces', () => {
  it('continue the caller’s traceparent through HTTP, GraphQL and Prisma, and send it onward on deliveries', async () => {
    const { key } = await server.newTenant('tracing');
    const port = (receiver.address() as AddressInfo).port;
    await server.graphql(
      TracingCreateEndpoint,
      { input: { url: `http://127.0.0.1:${port}/hook`, eventTypes: ['EVENT_CREATED'] } as never },
      { key },
    );
    exporter.reset();
    const logged = await server.graphql(
      LogEvent,
      { input: { type: 'traced' } },
      { key, headers: { traceparent: `00-${TRACE_ID}-${PARENT_SPAN_ID}-01` } },
    );
    expect(logged.errors).toBeUndefined();
    const traceparent = await eventually(() => received[0], 'the delivery');
    // The delivery runs in the worker's own trace; its request carries that trace onward. Its
    // client span ends once the receiver's answer is read, after the receiver saw the request.
    const [, deliveryTrace, deliverySpan] = traceparent.split('-');
    const clientSpan = await eventually(
      () => exporter.getFinishedSpans().find((span) => span.spanContext().spanId === deliverySpan),
      'the delivery’s client span',
    );

    const spans = exporter.getFinishedSpans();
    const inTrace = spans.filter((span) => span.spanContext().traceId === TRACE_ID);
    const names = inTrace.map((span) => span.name);
    const httpSpan = inTrace.find((span) => span.name === 'POST /graphql')!;
    expect(httpSpan.parentSpanContext?.spanId).toBe(PARENT_SPAN_ID);
    expect(names).toContain('mutation LogEvent');
    expect(names.some((name) => name.startsWith('prisma:'))).toBe(true);

    expect(clientSpan).toMatchObject({ name: 'POST' });
    expect(clientSpan.spanContext().traceId).toBe(deliveryTrace);
    console.log(
      JSON.stringify({
        request: names,
        delivery: spans
          .filter((span) => span.spanContext().traceId === deliveryTrace)
          .map((span) => span.name),
      }),
    );
  });
});

describe('the client address', () => {
  it('is the socket’s without TRUST_PROXY: X-Forwarded-For is ignored', async () => {
    const { key } = await server.newTenant('no-proxy');
    const logged = await server.graphql(
      LogEvent,
      { input: { type: 'forged-address' } },
      { key, headers: { 'x-forwarded-for': '203.0.113.7' } },
    );
    expect(logged.data!.logEvent.event.serverMetadata).toMatchObject({ ip: '127.0.0.1' });
  });
});
