import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import type { CreateExecutionInput, RunConfigInput } from '../gql/graphql.ts';

import { readEvents } from '../support/sse.ts';
import { eventually, startServer, subscribe, type TestServer } from '../support/switchboard.ts';

const CreateExecution = graphql(`
  mutation CreateExecution($input: CreateExecutionInput!) {
    createExecution(input: $input) {
      id
      status
      correlationId
      agent {
        name
      }
      conversation {
        conversationId
      }
    }
  }
`);

const ExecutionEvents = graphql(`
  subscription ExecutionEvents($executionId: ID!, $after: Int) {
    executionEvents(executionId: $executionId, after: $after) {
      __typename
      ... on ExecutionTextDelta {
        seq
        text
      }
      ... on ExecutionStatusChanged {
        seq
        status
      }
      ... on ExecutionToolCallRequested {
        seq
        toolCallId
        name
      }
      ... on ExecutionApprovalRequested {
        seq
        toolCallId
      }
      ... on ExecutionApprovalDecided {
        seq
        approved
        reason
      }
      ... on ExecutionToolResult {
        seq
        toolCallId
        result
        isError
      }
      ... on ExecutionFinished {
        seq
        status
      }
      ... on ExecutionStepRestarted {
        seq
      }
      ... on ExecutionErrorOccurred {
        seq
      }
    }
  }
`);

const ExecutionState = graphql(`
  query ExecutionState($id: ID!) {
    execution(id: $id) {
      status
      journalLength
      toolCalls {
        toolCallId
        status
        approved
        result
      }
      conversation {
        messages {
          edges {
            node {
              role
              content
            }
          }
        }
      }
    }
  }
`);

const CreateScriptedVersion = graphql(`
  mutation CreateScriptedVersion($agentName: String!, $name: String!, $runConfig: RunConfigInput) {
    createAgentVersion(agentName: $agentName, name: $name, runConfig: $runConfig) {
      id
      agent {
        id
      }
    }
  }
`);

const TypedRunConfigVersion = graphql(`
  mutation TypedRunConfigVersion($agentName: String!, $runConfig: RunConfigInput) {
    createAgentVersion(agentName: $agentName, name: "typed", runConfig: $runConfig) {
      runConfig {
        provider {
          type
          turns {
            text
            delayMs
            toolCalls {
              name
              arguments
            }
          }
          model
        }
        systemPrompt
        tools {
          name
          parameters
          requiresApproval
          executor {
            type
            url
            name
          }
        }
        forwardedHeaders
        approvalTimeoutSeconds
      }
    }
  }
`);

const CreateAgentForRuns = graphql(`
  mutation CreateAgentForRuns($name: String!) {
    createAgent(name: $name) {
      id
    }
  }
`);

const ApproveToolCall = graphql(`
  mutation ApproveToolCall(
    $executionId: ID!
    $toolCallId: String!
    $approved: Boolean!
    $reason: String
  ) {
    approveToolCall(
      executionId: $executionId
      toolCallId: $toolCallId
      approved: $approved
      reason: $reason
    ) {
      success
    }
  }
`);

const AuditEventsByCorrelation = graphql(`
  query AuditEventsByCorrelation($correlationId: String!) {
    auditEventsByCorrelation(correlationId: $correlationId) {
      edges {
        node {
          id
          eventType
          outcome
          causationId
        }
      }
    }
  }
`);

const AgentLlmCalls = graphql(`
  query AgentLlmCalls($filter: LlmEventFilter) {
    llmEvents(filter: $filter) {
      edges {
        node {
          model
          inputTokens
          outputTokens
          finishReason
          costUsd
        }
      }
    }
  }
`);

const ExecutionUpdated = graphql(`
  subscription ExecutionUpdated($filter: ExecutionFilter) {
    executionUpdated(filter: $filter) {
      id
      status
    }
  }
`);

const CancelExecution = graphql(`
  mutation CancelExecution($id: ID!) {
    cancelExecution(id: $id) {
      status
    }
  }
`);

let server: TestServer;
let key: string;
let toolServer: http.Server;
let toolUrl: string;
const toolRequests: {
  headers: http.IncomingHttpHeaders;
  body: { arguments: unknown; toolCallId: string };
}[] = [];

beforeAll(async () => {
  // The fake model and tool servers listen on loopback.
  server = await startServer({ env: { OUTBOUND_ALLOWED_NETWORKS: 'loopback' } });
  key = (await server.newTenant('executions')).key;
  toolServer = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const parsed = JSON.parse(body);
      toolRequests.push({ headers: request.headers, body: parsed });
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ temperature: 21, city: parsed.arguments.city }));
    });
  });
  await new Promise<void>((resolve) => toolServer.listen(0, '127.0.0.1', resolve));
  toolUrl = `http://127.0.0.1:${(toolServer.address() as AddressInfo).port}/weather`;
});
afterAll(async () => {
  await server?.stop();
  toolServer?.close();
});

type Received = ReturnType<typeof subscribe<unknown, unknown>>['received'];
const events = (received: Received) =>
  received.map(
    (message) => (message.data as { executionEvents: Record<string, unknown> }).executionEvents,
  );

async function agentWithVersion(name: string, runConfig: RunConfigInput) {
  const agent = await server.graphql(CreateAgentForRuns, { name }, { key });
  expect(agent.errors).toBeUndefined();
  const version = await server.graphql(
    CreateScriptedVersion,
    { agentName: name, name: 'v1', runConfig },
    { key },
  );
  expect(version.errors).toBeUndefined();
  return agent.data!.createAgent.id;
}

async function runToEnd(input: CreateExecutionInput, headers: Record<string, string> = {}) {
  const created = await server.graphql(CreateExecution, { input }, { key, headers });
  expect(created.errors).toBeUndefined();
  const execution = created.data!.createExecution;
  const stream = subscribe(server.wsClient(key), ExecutionEvents, { executionId: execution.id });
  return { execution, stream };
}

describe('executions over GraphQL', () => {
  it('runs the default agent to completion and streams the journal in order', async () => {
    const { execution, stream } = await runToEnd({
      messages: [{ role: 'user', content: 'hello there' }],
      conversationId: 'conv-echo',
    });
    expect(execution).toMatchObject({
      status: 'QUEUED',
      agent: { name: 'default' },
      conversation: { conversationId: 'conv-echo' },
    });
    await eventually(() => stream.completed, 'the stream to complete');
    const received = events(stream.received);
    expect(received.map((event) => event.seq)).toEqual(received.map((_, index) => index + 1));
    expect(received.map((event) => event.__typename)).toEqual([
      'ExecutionStatusChanged',
      'ExecutionStatusChanged',
      'ExecutionTextDelta',
      'ExecutionTextDelta',
      'ExecutionTextDelta',
      'ExecutionTextDelta',
      'ExecutionStatusChanged',
      'ExecutionFinished',
    ]);
    expect(
      received
        .filter((event) => event.text)
        .map((event) => event.text)
        .join(''),
    ).toBe('You said: hello there');
    const state = await server.graphql(ExecutionState, { id: execution.id }, { key });
    expect(state.data!.execution).toMatchObject({ status: 'COMPLETED', journalLength: 8 });
    expect(
      state.data!.execution!.conversation.messages.edges.map(({ node }) => [
        node.role,
        node.content,
      ]),
    ).toEqual([
      ['user', 'hello there'],
      ['assistant', 'You said: hello there'],
    ]);
  });

  it('replays only what follows `after` to a late subscriber', async () => {
    const { execution, stream } = await runToEnd({ messages: [{ role: 'user', content: 'late' }] });
    await eventually(() => stream.completed, 'the first stream to complete');
    const late = subscribe(server.wsClient(key), ExecutionEvents, {
      executionId: execution.id,
      after: 5,
    });
    await eventually(() => late.completed, 'the late stream to complete');
    expect(events(late.received).map((event) => event.seq)).toEqual([6, 7]);
  });

  it('calls an HTTP tool with an idempotency key and only the allowed forwarded headers', async () => {
    const agentId = await agentWithVersion('weather-bot', {
      provider: {
        type: 'SCRIPTED',
        turns: [
          { text: 'Checking.', toolCalls: [{ name: 'weather', arguments: { city: 'Oslo' } }] },
          { text: 'It is 21 degrees.' },
        ],
      },
      tools: [{ name: 'weather', executor: { type: 'HTTP', url: toolUrl } }],
      forwardedHeaders: ['X-User-Token'],
    });
    const { execution, stream } = await runToEnd({
      agentId,
      messages: [{ role: 'user', content: 'Weather in Oslo?' }],
      forwardedHeaders: { 'X-User-Token': 'user-123', Authorization: 'Bearer secret' },
    });
    await eventually(() => stream.completed, 'the stream to complete');
    const received = events(stream.received);
    expect(received.find((event) => event.__typename === 'ExecutionToolResult')).toMatchObject({
      toolCallId: 'call_1_1',
      result: { temperature: 21, city: 'Oslo' },
      isError: false,
    });
    const request = toolRequests.find(
      (entry) =>
        entry.body.toolCallId === 'call_1_1' &&
        entry.headers['idempotency-key'] === `${execution.id}:call_1_1`,
    );
    expect(request?.headers['x-user-token']).toBe('user-123');
    expect(request?.headers.authorization).toBeUndefined();
    const state = await server.graphql(ExecutionState, { id: execution.id }, { key });
    expect(state.data!.execution!.conversation.messages.edges.map(({ node }) => node.role)).toEqual(
      ['user', 'assistant', 'tool', 'assistant'],
    );
  });

  it('takes and shows a version’s run configuration as typed fields, defaults filled in', async () => {
    await agentWithVersion('typed-bot', {});
    const runConfig = {
      provider: {
        type: 'SCRIPTED' as const,
        turns: [{ text: 'Hi.', toolCalls: [{ name: 'look', arguments: { q: ['x', 1] } }] }],
      },
      tools: [
        { name: 'look', executor: { type: 'HTTP' as const, url: 'https://tools.example/look' } },
        {
          name: 'say',
          requiresApproval: true,
          executor: { type: 'BUILTIN' as const, name: 'ECHO' as const },
        },
      ],
    };
    const created = await server.graphql(
      TypedRunConfigVersion,
      { agentName: 'typed-bot', runConfig },
      { key },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createAgentVersion.runConfig).toEqual({
      provider: {
        type: 'SCRIPTED',
        turns: [
          { text: 'Hi.', delayMs: 0, toolCalls: [{ name: 'look', arguments: { q: ['x', 1] } }] },
        ],
        model: null,
      },
      systemPrompt: '',
      tools: [
        {
          name: 'look',
          parameters: { type: 'object', properties: {} },
          requiresApproval: false,
          executor: { type: 'HTTP', url: 'https://tools.example/look', name: null },
        },
        {
          name: 'say',
          parameters: { type: 'object', properties: {} },
          requiresApproval: true,
          executor: { type: 'BUILTIN', url: null, name: 'ECHO' },
        },
      ],
      forwardedHeaders: [],
      approvalTimeoutSeconds: 86400,
    });
    const missingModel = await server.graphql(
      CreateScriptedVersion,
      {
        agentName: 'typed-bot',
        name: 'no-model',
        runConfig: { provider: { type: 'OPENAI_COMPATIBLE' } },
      },
      { key },
    );
    expect(missingModel.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(missingModel.errors?.[0].message).toContain('runConfig.provider.model');
  });

  it('suspends for approval, resumes on approval, and treats decisions idempotently', async () => {
    const agentId = await agentWithVersion('careful-bot', {
      provider: {
        type: 'SCRIPTED',
        turns: [{ toolCalls: [{ name: 'refund', arguments: { amount: 10 } }] }, { text: 'Done.' }],
      },
      tools: [
        { name: 'refund', requiresApproval: true, executor: { type: 'BUILTIN', name: 'ECHO' } },
      ],
    });
    const { execution, stream } = await runToEnd({
      agentId,
      messages: [{ role: 'user', content: 'Refund me' }],
    });
    await eventually(
      () => events(stream.received).some((event) => event.status === 'SUSPENDED'),
      'the run to suspend',
    );
    const wrong = await server.graphql(
      ApproveToolCall,
      { executionId: execution.id, toolCallId: 'nope', approved: true },
      { key },
    );
    expect(wrong.errors![0].extensions!.code).toBe('NOT_FOUND');
    const approve = () =>
      server.graphql(
        ApproveToolCall,
        { executionId: execution.id, toolCallId: 'call_1_1', approved: true },
        { key },
      );
    expect((await approve()).data!.approveToolCall.success).toBe(true);
    expect((await approve()).data!.approveToolCall.success).toBe(true);
    const contrary = await server.graphql(
      ApproveToolCall,
      { executionId: execution.id, toolCallId: 'call_1_1', approved: false },
      { key },
    );
    expect(contrary.errors![0].extensions!.code).toBe('CONFLICT');
    await eventually(() => stream.completed, 'the stream to complete');
    const types = events(stream.received).map((event) => event.__typename);
    expect(types).toContain('ExecutionApprovalRequested');
    expect(types.filter((type) => type === 'ExecutionApprovalDecided')).toHaveLength(1);
    expect(events(stream.received).at(-1)).toMatchObject({
      __typename: 'ExecutionFinished',
      status: 'COMPLETED',
    });
    const chain = await server.graphql(
      AuditEventsByCorrelation,
      { correlationId: execution.correlationId },
      { key },
    );
    const audited = chain.data!.auditEventsByCorrelation.edges.map(({ node }) => node);
    const eventTypes = audited.map((event) => event.eventType);
    const run = audited.filter(
      (event) =>
        event.outcome === 'SUCCESS' &&
        (event.eventType.startsWith('execution.') || event.eventType.startsWith('tool_call.')),
    );
    expect(run.map((event) => event.eventType)).toEqual([
      'execution.created',
      'execution.started',
      'tool_call.approval_requested',
      'execution.model_called',
      'execution.suspended',
      'tool_call.approved',
      'execution.resumed',
      'execution.started',
      'tool_call.executed',
      'execution.model_called',
      'execution.completed',
    ]);
    // Each event names its cause: the run's own events the execution's creation, the decision its
    // request, the resumption and the tool's run the decision.
    const id = (type: string) => run.find((event) => event.eventType === type)!.id;
    expect(run.map((event) => [event.eventType, event.causationId])).toEqual([
      ['execution.created', null],
      ['execution.started', id('execution.created')],
      ['tool_call.approval_requested', id('execution.created')],
      ['execution.model_called', id('execution.created')],
      ['execution.suspended', id('execution.created')],
      ['tool_call.approved', id('tool_call.approval_requested')],
      ['execution.resumed', id('tool_call.approved')],
      ['execution.started', id('execution.created')],
      ['tool_call.executed', id('tool_call.approved')],
      ['execution.model_called', id('execution.created')],
      ['execution.completed', id('execution.created')],
    ]);
    // The unknown tool call and the contrary decision were refused, and audited as such.
    expect(
      audited
        .filter((event) => event.outcome === 'FAILURE')
        .map((event) => [event.eventType, event.causationId]),
    ).toEqual([
      ['tool_call.approved', null],
      ['tool_call.denied', null],
    ]);
    expect(eventTypes.filter((type) => type === 'llm_event.recorded')).toHaveLength(2);
  });

  it('gives a denial’s reason to the model as the tool result', async () => {
    const agentId = await agentWithVersion('denied-bot', {
      provider: {
        type: 'SCRIPTED',
        turns: [{ toolCalls: [{ name: 'delete_all', arguments: {} }] }, { text: 'Understood.' }],
      },
      tools: [
        { name: 'delete_all', requiresApproval: true, executor: { type: 'BUILTIN', name: 'ECHO' } },
      ],
    });
    const { execution, stream } = await runToEnd({
      agentId,
      messages: [{ role: 'user', content: 'Delete everything' }],
    });
    await eventually(
      () => events(stream.received).some((event) => event.status === 'SUSPENDED'),
      'the run to suspend',
    );
    await server.graphql(
      ApproveToolCall,
      { executionId: execution.id, toolCallId: 'call_1_1', approved: false, reason: 'Not allowed' },
      { key },
    );
    await eventually(() => stream.completed, 'the stream to complete');
    expect(
      events(stream.received).find((event) => event.__typename === 'ExecutionToolResult'),
    ).toMatchObject({ isError: true, result: { denied: true, reason: 'Not allowed' } });
  });

  it('cancels a suspended run, and cancelling again changes nothing', async () => {
    const agentId = await agentWithVersion('cancel-bot', {
      provider: { type: 'SCRIPTED', turns: [{ toolCalls: [{ name: 'wait', arguments: {} }] }] },
      tools: [
        { name: 'wait', requiresApproval: true, executor: { type: 'BUILTIN', name: 'ECHO' } },
      ],
    });
    const { execution, stream } = await runToEnd({
      agentId,
      messages: [{ role: 'user', content: 'Wait' }],
    });
    await eventually(
      () => events(stream.received).some((event) => event.status === 'SUSPENDED'),
      'the run to suspend',
    );
    expect(
      (await server.graphql(CancelExecution, { id: execution.id }, { key })).data!.cancelExecution
        .status,
    ).toBe('CANCELLED');
    expect(
      (await server.graphql(CancelExecution, { id: execution.id }, { key })).data!.cancelExecution
        .status,
    ).toBe('CANCELLED');
    await eventually(() => stream.completed, 'the stream to complete');
    expect(events(stream.received).at(-1)).toMatchObject({
      __typename: 'ExecutionFinished',
      status: 'CANCELLED',
    });
    const approval = await server.graphql(
      ApproveToolCall,
      { executionId: execution.id, toolCallId: 'call_1_1', approved: true },
      { key },
    );
    expect(approval.errors![0].extensions!.code).toBe('CONFLICT');
  });

  it('cancels a run while it streams: nothing more is journaled after `finished`', async () => {
    const agentId = await agentWithVersion('chatty-bot', {
      provider: {
        type: 'SCRIPTED',
        turns: [{ text: 'a b c d e f g h i j k l m n o p', delayMs: 50 }],
      },
    });
    const { execution, stream } = await runToEnd({
      agentId,
      messages: [{ role: 'user', content: 'Talk' }],
    });
    await eventually(
      () => events(stream.received).filter((event) => event.text).length >= 2,
      'the run to stream',
    );
    expect(
      (await server.graphql(CancelExecution, { id: execution.id }, { key })).data!.cancelExecution
        .status,
    ).toBe('CANCELLED');
    await eventually(() => stream.completed, 'the stream to complete');
    const received = events(stream.received);
    expect(received.at(-1)).toMatchObject({ __typename: 'ExecutionFinished', status: 'CANCELLED' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const state = await server.graphql(ExecutionState, { id: execution.id }, { key });
    expect(state.data!.execution).toMatchObject({
      status: 'CANCELLED',
      journalLength: received.at(-1)!.seq,
    });
  });

  it('treats an approval request that expires as a denial, journaled', async () => {
    const agentId = await agentWithVersion('expiring-bot', {
      provider: {
        type: 'SCRIPTED',
        turns: [{ toolCalls: [{ name: 'pay', arguments: { amount: 5 } }] }, { text: 'Not paid.' }],
      },
      tools: [{ name: 'pay', requiresApproval: true, executor: { type: 'BUILTIN', name: 'ECHO' } }],
      approvalTimeoutSeconds: 1,
    });
    const updates = subscribe(server.wsClient(key), ExecutionUpdated, { filter: { agentId } });
    await updates.started;
    const { execution, stream } = await runToEnd({
      agentId,
      messages: [{ role: 'user', content: 'Pay' }],
    });
    await eventually(() => stream.completed, 'the stream to complete', 10_000);
    const received = events(stream.received);
    expect(received.find((event) => event.__typename === 'ExecutionApprovalDecided')).toMatchObject(
      { approved: false, reason: 'The approval request expired' },
    );
    expect(received.find((event) => event.__typename === 'ExecutionToolResult')).toMatchObject({
      isError: true,
      result: { denied: true },
    });
    expect(received.at(-1)).toMatchObject({ __typename: 'ExecutionFinished', status: 'COMPLETED' });
    const late = await server.graphql(
      ApproveToolCall,
      { executionId: execution.id, toolCallId: 'call_1_1', approved: true },
      { key },
    );
    expect(late.errors![0]).toMatchObject({
      message: 'Tool call "call_1_1" expired',
      extensions: { code: 'CONFLICT' },
    });
    await eventually(
      () =>
        updates.received.some(
          (update) =>
            (update.data as { executionUpdated: { status: string } }).executionUpdated.status ===
            'COMPLETED',
        ),
      'the completed update',
    );
    const statuses = updates.received.map(
      (update) =>
        (update.data as { executionUpdated: { id: string; status: string } }).executionUpdated,
    );
    expect(statuses.every((update) => update.id === execution.id)).toBe(true);
    expect(statuses.map((update) => update.status)).toEqual([
      'QUEUED',
      'RUNNING',
      'SUSPENDED',
      'RUNNING',
      'COMPLETED',
    ]);
  });

  it('rejects bad input and unknown agents clearly', async () => {
    const empty = await server.graphql(CreateExecution, { input: { messages: [] } }, { key });
    expect(empty.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const role = await server.graphql(
      CreateExecution,
      { input: { messages: [{ role: 'robot', content: 'x' }] } },
      { key },
    );
    expect(role.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const unknown = await server.graphql(
      CreateExecution,
      {
        input: {
          agentId: '00000000-0000-4000-8000-000000000000',
          messages: [{ role: 'user', content: 'x' }],
        },
      },
      { key },
    );
    expect(unknown.errors![0].extensions!.code).toBe('NOT_FOUND');
    const badConfig = await server.graphql(
      CreateScriptedVersion,
      {
        agentName: 'default',
        name: 'bad',
        runConfig: { tools: [{ name: 'x', executor: { type: 'HTTP' } }] },
      },
      { key },
    );
    expect(badConfig.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(badConfig.errors![0].message).toContain('tools.0.executor.url');
  });
});

describe('executions over REST and SSE (reference 001)', () => {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/run/api/executions${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/run/api/executions${path}`, {
      headers: { authorization: `Bearer ${key}`, ...headers },
    });

  it('streams the execution with its id in a header and `id: <seq>` on every event', async () => {
    const response = await post('', {
      messages: [{ role: 'user', content: 'over SSE' }],
      conversationId: 'sse-conv',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const executionId = response.headers.get('x-execution-id')!;
    const received = await readEvents(response);
    expect(received.map((event) => Number(event.id))).toEqual(
      received.map((_, index) => index + 1),
    );
    expect(received.at(-1)).toMatchObject({ event: 'finished' });
    expect(JSON.parse(received.at(-1)!.data)).toMatchObject({ status: 'completed' });
    const status = await (await get(`/${executionId}`)).json();
    expect(status).toMatchObject({
      id: executionId,
      status: 'completed',
      conversationId: 'sse-conv',
    });
    expect(Object.keys(status).sort()).toEqual([
      'agentId',
      'conversationId',
      'createdAt',
      'id',
      'status',
      'updatedAt',
    ]);
  });

  it('keeps running when the client disconnects, and resumes after Last-Event-ID or startIndex', async () => {
    const agentId = await agentWithVersion('slow-bot', {
      provider: { type: 'SCRIPTED', turns: [{ text: 'one two three four five six', delayMs: 40 }] },
    });
    const response = await post('', { agentId, messages: [{ role: 'user', content: 'count' }] });
    const executionId = response.headers.get('x-execution-id')!;
    const firstPart = await readEvents(response, (event) => event.event === 'text_delta');
    expect(firstPart.length).toBeGreaterThanOrEqual(3);
    const resumed = await readEvents(
      await get(`/${executionId}/stream`, { 'last-event-id': firstPart.at(-1)!.id! }),
    );
    expect(Number(resumed[0].id)).toBe(Number(firstPart.at(-1)!.id) + 1);
    expect(resumed.at(-1)!.event).toBe('finished');
    const text = [...firstPart, ...resumed]
      .filter((event) => event.event === 'text_delta')
      .map((event) => JSON.parse(event.data).text)
      .join('');
    expect(text).toBe('one two three four five six');
    const fromIndex = await readEvents(await get(`/${executionId}/stream?startIndex=5`));
    expect(fromIndex[0].id).toBe('6');
  });

  it('approves over REST and answers errors with `{error}`', async () => {
    const agentId = await agentWithVersion('rest-approval-bot', {
      provider: {
        type: 'SCRIPTED',
        turns: [{ toolCalls: [{ name: 'ship', arguments: {} }] }, { text: 'Shipped.' }],
      },
      tools: [
        { name: 'ship', requiresApproval: true, executor: { type: 'BUILTIN', name: 'ECHO' } },
      ],
    });
    const response = await post('', { agentId, messages: [{ role: 'user', content: 'Ship it' }] });
    const executionId = response.headers.get('x-execution-id')!;
    await readEvents(
      response,
      (event) => event.event === 'status_changed' && JSON.parse(event.data).status === 'suspended',
    );
    const missing = await post(`/${executionId}/approvals/call_9_9`, { approved: true });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: `Tool call "call_9_9" of execution "${executionId}" not found`,
    });
    const approved = await post(`/${executionId}/approvals/call_1_1`, { approved: true });
    expect(await approved.json()).toEqual({ success: true });
    expect((await post(`/${executionId}/approvals/call_1_1`, { approved: false })).status).toBe(
      409,
    );
    const rest = await readEvents(await get(`/${executionId}/stream`));
    expect(rest.at(-1)).toMatchObject({ event: 'finished' });
    expect((await get('/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const bad = await post('', { messages: 'hello' });
    expect(bad.status).toBe(400);
    expect(Object.keys(await bad.json())).toEqual(['error']);
  });
});

describe('the openai-compatible provider', () => {
  it('streams text and fragmented tool calls from a chat-completions server, and records each call in telemetry', async () => {
    const requests: {
      messages: { role: string; tool_call_id?: string; tool_calls?: unknown[] }[];
      tools?: unknown[];
      stream: boolean;
    }[] = [];
    const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
      id: 'chatcmpl-test',
      object: 'chat.completion.chunk',
      created: 1732400000,
      model: 'gpt-4o-mini-2024-07-18',
      choices: [{ index: 0, delta, finish_reason: finishReason }],
    });
    const usage = (prompt: number, completion: number) => ({
      id: 'chatcmpl-test',
      object: 'chat.completion.chunk',
      created: 1732400000,
      model: 'gpt-4o-mini-2024-07-18',
      choices: [],
      usage: {
        prompt_tokens: prompt,
        completion_tokens: completion,
        total_tokens: prompt + completion,
      },
    });
    const answers = [
      [
        chunk({ role: 'assistant', content: '' }),
        chunk({ content: 'Let me ' }),
        chunk({ content: 'check.' }),
        chunk({
          tool_calls: [
            {
              index: 0,
              id: 'call_abc',
              type: 'function',
              function: { name: 'weather', arguments: '{"ci' },
            },
          ],
        }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: 'ty":"Oslo"}' } }] }),
        chunk({}, 'tool_calls'),
        usage(120, 30),
      ],
      [
        chunk({ role: 'assistant', content: 'It is ' }),
        chunk({ content: '21 degrees.' }),
        chunk({}, 'stop'),
        usage(180, 8),
      ],
    ];
    const llm = http.createServer((request, response) => {
      let body = '';
      request.on('data', (part) => (body += part));
      request.on('end', () => {
        requests.push(JSON.parse(body));
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        for (const part of answers[requests.length - 1] ?? [])
          response.write(`data: ${JSON.stringify(part)}\n\n`);
        response.end('data: [DONE]\n\n');
      });
    });
    await new Promise<void>((resolve) => llm.listen(0, '127.0.0.1', resolve));
    try {
      const agentId = await agentWithVersion('openai-bot', {
        provider: {
          type: 'OPENAI_COMPATIBLE',
          model: 'gpt-4o-mini',
          baseUrl: `http://127.0.0.1:${(llm.address() as AddressInfo).port}/v1`,
        },
        systemPrompt: 'You report the weather.',
        tools: [
          {
            name: 'weather',
            description: 'Weather by city',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
            executor: { type: 'HTTP', url: toolUrl },
          },
        ],
      });
      const { execution, stream } = await runToEnd({
        agentId,
        messages: [{ role: 'user', content: 'Weather in Oslo?' }],
        conversationId: 'openai-conv',
      });
      await eventually(() => stream.completed, 'the stream to complete');
      const received = events(stream.received);
      expect(received.filter((event) => event.text).map((event) => event.text)).toEqual([
        'Let me ',
        'check.',
        'It is ',
        '21 degrees.',
      ]);
      expect(
        received.find((event) => event.__typename === 'ExecutionToolCallRequested'),
      ).toMatchObject({ toolCallId: 'call_abc', name: 'weather' });
      expect(received.at(-1)).toMatchObject({
        __typename: 'ExecutionFinished',
        status: 'COMPLETED',
      });
      expect(requests[0]).toMatchObject({
        stream: true,
        messages: [{ role: 'system' }, { role: 'user' }],
        tools: [{ type: 'function', function: { name: 'weather' } }],
      });
      expect(requests[1].messages.map((message) => message.role)).toEqual([
        'system',
        'user',
        'assistant',
        'tool',
      ]);
      expect(requests[1].messages[3].tool_call_id).toBe('call_abc');
      expect(
        toolRequests.some(
          (request) => request.headers['idempotency-key'] === `${execution.id}:call_abc`,
        ),
      ).toBe(true);

      const calls = await server.graphql(
        AgentLlmCalls,
        { filter: { agent: 'openai-bot', session: 'openai-conv' } },
        { key },
      );
      expect(
        calls.data!.llmEvents.edges.map(({ node }) => [
          node.model,
          node.inputTokens,
          node.outputTokens,
          node.finishReason,
        ]),
      ).toEqual([
        ['gpt-4o-mini-2024-07-18', 180, 8, 'stop'],
        ['gpt-4o-mini-2024-07-18', 120, 30, 'tool_calls'],
      ]);
      expect(calls.data!.llmEvents.edges[1].node.costUsd).toBeCloseTo(
        (120 * 0.15 + 30 * 0.6) / 1e6,
        12,
      );
    } finally {
      llm.close();
    }
  });
});
