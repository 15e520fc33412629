import { builder } from '../../schema/builder.ts';
import { selectsAny } from '../../schema/selections.ts';
import { LlmEventFilter } from './llm-events-schema.ts';
import * as usage from './usage.ts';

const UsageDimension = builder.enumType('TelemetryUsageDimension', {
  description: 'What telemetryUsage groups LLM events by.',
  values: Object.fromEntries(
    usage.USAGE_DIMENSIONS.map((dimension) => [
      dimension.toUpperCase(),
      {
        value: dimension,
        description: `One group per ${dimension === 'day' ? 'UTC day' : dimension}.`,
      },
    ]),
  ) as {
    [D in usage.UsageDimension as Uppercase<D>]: { value: D; description: string };
  },
});

const UsageGroup = builder.objectRef<usage.UsageGroup>('TelemetryUsageGroup').implement({
  description: 'Usage of one group of LLM events; the dimensions not grouped by are null.',
  fields: (t) => ({
    agent: t.exposeString('agent', { nullable: true, description: 'The agent’s name.' }),
    version: t.exposeString('version', {
      nullable: true,
      description: 'The agent version’s name.',
    }),
    model: t.exposeString('model', { nullable: true, description: 'The model name.' }),
    provider: t.exposeString('provider', {
      nullable: true,
      description: 'The provider (`openai`, `anthropic`, `gemini`).',
    }),
    person: t.exposeString('person', { nullable: true, description: 'The client’s person id.' }),
    day: t.expose('day', { type: 'DateTime', nullable: true, description: 'The UTC day.' }),
    count: t.exposeInt('count', { description: 'How many events the group has.' }),
    inputTokens: t.exposeFloat('inputTokens', { description: 'Input tokens, summed.' }),
    outputTokens: t.exposeFloat('outputTokens', { description: 'Output tokens, summed.' }),
    cachedInputTokens: t.exposeFloat('cachedInputTokens', {
      description: 'Cached input tokens, summed.',
    }),
    costUsd: t.exposeFloat('costUsd', {
      nullable: true,
      description: 'Of the priced events; null when none is priced.',
    }),
    unpricedCount: t.exposeInt('unpricedCount', {
      description: 'Events whose model has no price.',
    }),
    errorCount: t.exposeInt('errorCount', { description: 'Events with an error.' }),
    errorRate: t.exposeFloat('errorRate', { description: 'errorCount / count, 0 to 1.' }),
    p50LatencyMs: t.exposeFloat('p50LatencyMs', {
      nullable: true,
      description: 'Median latency; null when no event has one.',
    }),
    p95LatencyMs: t.exposeFloat('p95LatencyMs', {
      nullable: true,
      description: '95th percentile latency; null when no event has one.',
    }),
  }),
});

builder.queryFields((t) => ({
  telemetryUsage: t.field({
    type: [UsageGroup],
    description:
      'Count, tokens, cost, error rate and latency percentiles per group, largest groups first; no groupBy: one group of all.',
    authScopes: { tenant: true },
    args: {
      groupBy: t.arg({
        type: [UsageDimension],
        defaultValue: [],
        description: 'The dimensions that make a group.',
      }),
      filter: t.arg({ type: LlmEventFilter, description: 'Which events to count.' }),
    },
    // The latency percentiles cost the most: each is computed only when asked for.
    resolve: (_root, args, ctx, info) =>
      usage.telemetryUsage(ctx, args.groupBy ?? [], args.filter ?? {}, {
        percentiles: usage.PERCENTILE_FIELDS.filter((field) => selectsAny(info, [field])),
      }),
  }),
}));
