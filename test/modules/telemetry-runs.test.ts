// An execution's model calls become LLM events: the telemetry module reacts to the runner's
// `execution.model_called` in the runner's own transaction.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { AuditEvents } from '../support/operations.ts';
import { eventually, startServer, type TestServer } from '../support/switchboard.ts';

const RunAgent = graphql(`
  mutation TelemetryRunAgent($name: String!, $runConfig: RunConfigInput) {
    createAgent(name: $name) {
      id
    }
    createAgentVersion(agentName: $name, name: "v1", runConfig: $runConfig) {
      id
    }
  }
`);

const RunExecution = graphql(`
  mutation TelemetryRunExecution($input: CreateExecutionInput!) {
    createExecution(input: $input) {
      id
      correlationId
    }
  }
`);

const RunLlmEvents = graphql(`
  query TelemetryRunLlmEvents($filter: LlmEventFilter) {
    llmEvents(filter: $filter) {
      edges {
        node {
          id
          provider
          model
          inputTokens
          outputTokens
          finishReason
          latencyMs
          costUsd
          properties
          toolCalls {
            id
            name
          }
          fingerprint {
            system
          }
          agent {
            name
          }
          agentVersion {
            name
          }
          session {
            sessionId
          }
        }
      }
    }
  }
`);

const RunUsage = graphql(`
  query TelemetryRunUsage($filter: LlmEventFilter) {
    telemetryUsage(filter: $filter) {
      count
      inputTokens
      outputTokens
    }
  }
`);

let server: TestServer;
let key: string;
let model: http.Server;
let modelUrl: string;

/** A chat-completions server streaming one answer, with the usage the runner reports. */
function streamedAnswer(response: http.ServerResponse) {
  const chunk = (body: Record<string, unknown>) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-run', object: 'chat.completion.chunk', created: 1732400000, model: 'gpt-4o-mini-2024-07-18', ...body })}\n\n`;
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  response.write(chunk({ choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi' } }] }));
  response.write(chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
  response.write(
    chunk({ choices: [], usage: { prompt_tokens: 42, completion_tokens: 7, total_tokens: 49 } }),
  );
  response.end('data: [DONE]\n\n');
}

beforeAll(async () => {
  model = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => setTimeout(() => streamedAnswer(response), 30));
  });
  await new Promise<void>((resolve) => model.listen(0, '127.0.0.1', resolve));
  modelUrl = `http://127.0.0.1:${(model.address() as AddressInfo).port}/v1`;
  server = await startServer({ env: { OUTBOUND_ALLOWED_NETWORKS: 'loopback' } });
  key = (await server.newTenant('telemetry-runs')).key;
});
afterAll(async () => {
  await server?.stop();
  model?.close();
});

describe('model calls of executions', () => {
  it('are recorded as LLM events of the agent, version and conversation, caused by the call', async () => {
    const agent = await server.graphql(
      RunAgent,
      {
        name: 'run-bot',
        runConfig: {
          provider: { type: 'OPENAI_COMPATIBLE', model: 'gpt-4o-mini', baseUrl: modelUrl },
        },
      },
      { key },
    );
    expect(agent.errors).toBeUndefined();
    const created = await server.graphql(
      RunExecution,
      {
        input: {
          agentId: 'run-bot',
          conversationId: 'run-conv',
          messages: [{ role: 'user', content: 'Hello?' }],
        },
      },
      { key },
    );
    expect(created.errors).toBeUndefined();
    const filter = { agent: 'run-bot', session: 'run-conv' };
    const [event] = await eventually(async () => {
      const { data } = await server.graphql(RunLlmEvents, { filter }, { key });
      return data!.llmEvents.edges.length ? data!.llmEvents.edges.map(({ node }) => node) : false;
    }, 'the model call’s LLM event');
    expect(event).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini-2024-07-18',
      inputTokens: 42,
      outputTokens: 7,
      finishReason: 'stop',
      toolCalls: [],
      fingerprint: { system: 'switchboard-executions' },
      agent: { name: 'run-bot' },
      agentVersion: { name: 'v1' },
      session: { sessionId: 'run-conv' },
    });
    expect(event.latencyMs).toBeGreaterThanOrEqual(30);
    expect(event.costUsd).toBeCloseTo((42 * 0.15 + 7 * 0.6) / 1e6, 12);
    // What the runner knows, not a provider payload made up around it.
    expect(event.properties).toEqual({ executionId: created.data!.createExecution.id, step: 1 });
    // The usage rollups counted it in the same statement (no session filter: read from them).
    const usage = await server.graphql(RunUsage, { filter: { agent: 'run-bot' } }, { key });
    expect(usage.data!.telemetryUsage).toEqual([{ count: 1, inputTokens: 42, outputTokens: 7 }]);

    const audits = await server.graphql(AuditEvents, { first: 100 }, { key });
    const chain = audits
      .data!.auditEvents.edges.map(({ node }) => node)
      .filter((node) => node.correlationId === created.data!.createExecution.correlationId);
    const call = chain.find((node) => node.eventType === 'execution.model_called')!;
    expect(chain.find((node) => node.eventType === 'llm_event.recorded')).toMatchObject({
      resourceId: event.id,
      causationId: call.id,
    });
  });
});
