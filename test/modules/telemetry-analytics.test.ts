import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { startServer, type TestServer } from '../support/switchboard.ts';
import { chatCompletion } from '../support/llm.ts';

const CreateFingerprintId = graphql(`
  mutation CreateFingerprintId($input: CreateFingerprintInput!) {
    createFingerprint(input: $input) {
      fingerprint {
        id
      }
    }
  }
`);

const RecordLlmEvents = graphql(`
  mutation RecordLlmEvents($inputs: [CreateLlmEventInput!]!) {
    createLlmEvents(inputs: $inputs) {
      ...LlmEventFields
      createdAt
    }
  }
`);

const TelemetryUsage = graphql(`
  query TelemetryUsage($groupBy: [TelemetryUsageDimension!], $filter: LlmEventFilter) {
    telemetryUsage(groupBy: $groupBy, filter: $filter) {
      agent
      version
      model
      provider
      person
      day
      count
      inputTokens
      outputTokens
      cachedInputTokens
      costUsd
      unpricedCount
      errorCount
      errorRate
      p50LatencyMs
      p95LatencyMs
    }
  }
`);

const EventPage = graphql(`
  query EventPage($first: Int) {
    llmEvents(first: $first) {
      edges {
        node {
          id
          agent {
            name
          }
          agentVersion {
            name
          }
          person {
            personId
          }
          session {
            sessionId
          }
          fingerprint {
            language
          }
        }
      }
    }
  }
`);

const fixturesDir = fileURLToPath(new URL('../fixtures/llm/', import.meta.url));
interface Fixture {
  description: string;
  properties: Record<string, unknown>;
  expected: Record<string, unknown> & { costUsd: number | null };
}
const fixtures = fs
  .readdirSync(fixturesDir)
  .filter((name) => name.endsWith('.json'))
  .map((name) => ({
    name: path.basename(name, '.json'),
    ...(JSON.parse(fs.readFileSync(path.join(fixturesDir, name), 'utf8')) as Fixture),
  }));

let server: TestServer;
let statements: string[] = [];
let key: string;
let fingerprintId: string;

beforeAll(async () => {
  server = await startServer({
    env: {
      LLM_PRICES: JSON.stringify({
        'test-model-a': { input: 1, output: 2 },
        // A model genai-prices knows (at $0.05 / $0.40): the override wins.
        'gpt-5-nano': { input: 7, output: 9 },
        'claude-test': { input: 2, output: 4, cachedInput: 0.5, cacheWrite: 3 },
      }),
    },
    onQuery: (sql) => statements.push(sql),
  });
  key = (await server.newTenant('analytics')).key;
  const fingerprint = await server.graphql(
    CreateFingerprintId,
    { input: { language: 'node', languageVersion: '20.20.2', system: 'linux' } },
    { key },
  );
  fingerprintId = fingerprint.data!.createFingerprint.fingerprint.id;
});
afterAll(() => server?.stop());

describe('provider payloads', () => {
  it.each(fixtures)('reads $name', async ({ properties, expected }) => {
    const result = await server.graphql(
      RecordLlmEvents,
      { inputs: [{ fingerprintId, properties, session: 'fixtures' }] },
      { key },
    );
    expect(result.errors).toBeUndefined();
    const [event] = result.data!.createLlmEvents;
    const { costUsd, format: _format, ...fields } = expected;
    expect(event).toMatchObject(fields);
    if (costUsd === null) expect(event.costUsd).toBeNull();
    else expect(event.costUsd).toBeCloseTo(costUsd, 12);
  });

  it('covers every provider format', () => {
    const formats = new Set(fixtures.map((fixture) => fixture.expected.format));
    expect([...formats].sort()).toEqual(
      [
        null,
        'anthropic.messages',
        'gemini.generate_content',
        'openai.chat_completions',
        'openai.responses',
      ].sort(),
    );
  });
});

describe('prices', () => {
  const costOf = async (properties: Record<string, unknown>) => {
    const result = await server.graphql(
      RecordLlmEvents,
      { inputs: [{ fingerprintId, properties, session: 'prices' }] },
      { key },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.createLlmEvents[0].costUsd;
  };
  const million = { prompt: 1_000_000, completion: 1_000_000 };

  // USD per 1M tokens in / out, as @pydantic/genai-prices lists them.
  it.each([
    ['o1-mini', 1.1 + 4.4],
    ['gpt-5-pro', 15 + 120],
    ['gpt-5.1', 1.25 + 10],
    ['gpt-5.1-2025-11-13', 1.25 + 10],
  ])('prices %s from genai-prices', async (model, expected) => {
    expect(await costOf(chatCompletion(model, million))).toBeCloseTo(expected, 9);
  });

  const anthropic = (model: string) => ({
    inputs: { model, max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] },
    outputs: {
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'text', text: 'Hello' }],
      stop_reason: 'end_turn',
      usage: {
        input_tokens: 1_000_000,
        cache_creation_input_tokens: 2_000_000,
        cache_read_input_tokens: 3_000_000,
        output_tokens: 1_000_000,
      },
    },
  });

  it('prices Anthropic cache writes at their own rate', async () => {
    // claude-sonnet-4: $3 input, $3.75 cache write, $0.30 cache read, $15 output.
    expect(await costOf(anthropic('claude-sonnet-4-20250514'))).toBeCloseTo(
      3 + 2 * 3.75 + 3 * 0.3 + 15,
      9,
    );
    expect(await costOf(anthropic('claude-test'))).toBeCloseTo(2 + 2 * 3 + 3 * 0.5 + 4, 9);
  });

  it('lets LLM_PRICES override the catalogue', async () => {
    expect(await costOf(chatCompletion('gpt-5-nano', million))).toBeCloseTo(7 + 9, 9);
    expect(await costOf(chatCompletion('gpt-5-nano-2025-08-07', million))).toBeCloseTo(16, 9);
  });
});

describe('telemetryUsage', () => {
  // Prices (per 1M tokens): test-model-a $1 in / $2 out; test-model-b has none.
  // alpha/v1: e1 a 100/50 100ms p1 ($0.0002), e2 a 200/100 300ms p1 ($0.0004), e3 b failed 200ms p2
  // beta/v1:  e4 a 400/200 400ms ($0.0008), e5 b 50/50 (no latency)
  const usageFilter = { session: 'usage' };
  beforeAll(async () => {
    const event = (agent: string, properties: Record<string, unknown>, person?: string) => ({
      fingerprintId,
      agent,
      agentVersion: 'v1',
      person,
      session: 'usage',
      properties,
    });
    const result = await server.graphql(
      RecordLlmEvents,
      {
        inputs: [
          event(
            'alpha',
            chatCompletion('test-model-a', { prompt: 100, completion: 50 }, { latency_ms: 100 }),
            'p1',
          ),
          event(
            'alpha',
            chatCompletion('test-model-a', { prompt: 200, completion: 100 }, { latency_ms: 300 }),
            'p1',
          ),
          event('alpha', chatCompletion('test-model-b', null, { latency_ms: 200 }), 'p2'),
          event(
            'beta',
            chatCompletion('test-model-a', { prompt: 400, completion: 200 }, { latency_ms: 400 }),
          ),
          event('beta', chatCompletion('test-model-b', { prompt: 50, completion: 50 })),
        ],
      },
      { key },
    );
    expect(result.errors).toBeUndefined();
  });

  const usage = async (
    groupBy: ('AGENT' | 'VERSION' | 'MODEL' | 'PROVIDER' | 'PERSON' | 'DAY')[],
    filter: Record<string, unknown> = {},
  ) => {
    const result = await server.graphql(
      TelemetryUsage,
      { groupBy, filter: { ...usageFilter, ...filter } },
      { key },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.telemetryUsage;
  };

  it('totals everything without groupBy', async () => {
    const [total] = await usage([]);
    expect(total).toMatchObject({
      agent: null,
      model: null,
      count: 5,
      inputTokens: 750,
      outputTokens: 400,
      unpricedCount: 2,
      errorCount: 1,
    });
    expect(total.costUsd).toBeCloseTo(0.0014, 12);
    expect(total.errorRate).toBeCloseTo(0.2, 12);
    // latencies 100, 200, 300, 400: p50 = 250; p95 at rank 2.85 = 300 + 0.85 * 100
    expect(total.p50LatencyMs).toBeCloseTo(250, 9);
    expect(total.p95LatencyMs).toBeCloseTo(385, 9);
  });

  it('groups by agent and by model, largest groups first', async () => {
    const byAgent = await usage(['AGENT']);
    expect(
      byAgent.map((group) => [
        group.agent,
        group.count,
        group.inputTokens,
        group.outputTokens,
        group.unpricedCount,
        group.errorCount,
      ]),
    ).toEqual([
      ['alpha', 3, 300, 150, 1, 1],
      ['beta', 2, 450, 250, 1, 0],
    ]);
    expect(byAgent[0].costUsd).toBeCloseTo(0.0006, 12);
    expect(byAgent[0].errorRate).toBeCloseTo(1 / 3, 12);
    expect(byAgent[0].p50LatencyMs).toBeCloseTo(200, 9);
    expect(byAgent[0].p95LatencyMs).toBeCloseTo(290, 9); // rank 1.9 of 100, 200, 300
    expect([byAgent[1].p50LatencyMs, byAgent[1].p95LatencyMs]).toEqual([400, 400]);

    const byModel = await usage(['MODEL']);
    expect(
      byModel.map((group) => [group.model, group.count, group.inputTokens, group.costUsd === null]),
    ).toEqual([
      ['test-model-a', 3, 700, false],
      ['test-model-b', 2, 50, true],
    ]);
    expect(byModel[0].costUsd).toBeCloseTo(0.0014, 12);
    expect(byModel[0].p95LatencyMs).toBeCloseTo(390, 9);
  });

  it('groups by several dimensions, person, provider, version and day, and filters', async () => {
    const byAgentModel = await usage(['AGENT', 'MODEL']);
    expect(byAgentModel.map((group) => [group.agent, group.model, group.count])).toEqual([
      ['alpha', 'test-model-a', 2],
      ['alpha', 'test-model-b', 1],
      ['beta', 'test-model-a', 1],
      ['beta', 'test-model-b', 1],
    ]);
    const byPerson = await usage(['PERSON']);
    expect(byPerson.map((group) => [group.person, group.count])).toEqual([
      ['p1', 2],
      [null, 2],
      ['p2', 1],
    ]);
    const byProviderVersion = await usage(['PROVIDER', 'VERSION']);
    expect(
      byProviderVersion.map((group) => [group.provider, group.agent, group.version, group.count]),
    ).toEqual([
      ['openai', 'alpha', 'v1', 3],
      ['openai', 'beta', 'v1', 2],
    ]);
    const byDay = await usage(['DAY']);
    const today = new Date();
    expect(byDay).toHaveLength(1);
    expect(byDay[0].day).toBe(
      new Date(
        Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()),
      ).toISOString(),
    );
    expect((await usage(['MODEL'], { agent: 'beta' })).map((group) => group.count)).toEqual([1, 1]);
    expect((await usage([], { hasError: true }))[0]).toMatchObject({
      count: 1,
      errorRate: 1,
      costUsd: null,
    });
    expect(await usage([], { agent: 'nobody' })).toEqual([]);
  });
});

describe('lists without N+1 queries', () => {
  it('reads a page of events with agent, version, person and session in the same number of statements at 50 and 100', async () => {
    const inputs = Array.from({ length: 100 }, (_, i) => ({
      fingerprintId,
      properties: {},
      agent: `agent-${i % 7}`,
      agentVersion: `v${i % 3}`,
      person: `person-${i % 11}`,
      session: `session-${i % 13}`,
    }));
    expect((await server.graphql(RecordLlmEvents, { inputs }, { key })).errors).toBeUndefined();
    const countStatements = async (first: number) => {
      statements = [];
      const result = await server.graphql(EventPage, { first }, { key });
      expect(result.data!.llmEvents.edges).toHaveLength(first);
      expect(
        result.data!.llmEvents.edges.every(
          ({ node }) => node.agent.name && node.person?.personId && node.session?.sessionId,
        ),
      ).toBe(true);
      // Only the page's own reads count: key bookkeeping and the background workers' polling
      // (the runner's claim names the agent tables) do not.
      return statements.filter(
        (sql) =>
          !sql.includes('WITH claimed AS') &&
          /"(LlmEvent|Agent|AgentVersion|Person|TelemetrySession|Fingerprint)"/.test(sql),
      ).length;
    };
    const fifty = await countStatements(50);
    const hundred = await countStatements(100);
    expect(fifty).toBe(hundred);
    expect(fifty).toBeLessThanOrEqual(6);
  });
});
