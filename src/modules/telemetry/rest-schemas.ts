import { z } from '@hono/zod-openapi';
import { jsonObject } from '../../kernel/json-object.ts';
import { exampleString, idField, timestampField } from '../../rest/fields.ts';
import * as telemetry from './service.ts';

/**
 * Reference 004's bodies, snake_case, over the service's own field schemas (so both APIs check the
 * same limits), and the objects its routes answer with.
 */
const shape = {
  fingerprint: telemetry.fingerprintInputSchema.shape,
  person: telemetry.personInputSchema.shape,
  agent: telemetry.agentVersionInputSchema.shape,
  event: telemetry.llmEventInputSchema.shape,
};
const dateTime = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time' })
  .transform((value) => new Date(value))
  .nullish()
  .openapi({ type: 'string', format: 'date-time', example: '2026-01-15T09:30:00Z' });

export const fingerprintBody = z
  .object({
    language: shape.fingerprint.language,
    language_version: shape.fingerprint.languageVersion,
    system: shape.fingerprint.system,
    openai_sdk_version: shape.fingerprint.openaiSdkVersion,
    anthropic_sdk_version: shape.fingerprint.anthropicSdkVersion,
    gemini_sdk_version: shape.fingerprint.geminiSdkVersion,
    voker_sdk_version: shape.fingerprint.vokerSdkVersion,
    all_packages: shape.fingerprint.allPackages,
    git_repository_url: shape.fingerprint.gitRepositoryUrl,
    git_branch: shape.fingerprint.gitBranch,
    git_commit_hash: shape.fingerprint.gitCommitHash,
    git_commit_date: shape.fingerprint.gitCommitDate,
  })
  .openapi('CreateFingerprint');
export const personBody = z
  .object({ person_id: shape.person.personId, properties: shape.person.properties })
  .openapi('CreatePerson');
export const personUpdateBody = z.object({ properties: jsonObject() }).openapi('UpdatePerson');
export const agentBody = z
  .object({ agent_name: shape.agent.name, description: shape.agent.description })
  .openapi('CreateAgent');
/**
 * The configuration's own fields stay camelCase: the same JSON as GraphQL's `runConfig`, checked by
 * the same service function (its issues are renamed to `run_config` by `inVersionBody`).
 */
const runConfigDescription =
  'How executions run the version (the JSON of GraphQL’s `runConfig`: provider, systemPrompt, tools, forwardedHeaders, approvalTimeoutSeconds)';
export const versionBody = z
  .object({
    agent_version_name: shape.agent.name,
    description: shape.agent.description,
    deprecated_at: dateTime,
    run_config: jsonObject().nullish().openapi({ description: runConfigDescription }),
  })
  .openapi('CreateAgentVersion');
export const changesBody = z
  .object({ description: shape.agent.description, deprecated_at: dateTime })
  .openapi('AgentChanges');
export const versionChangesBody = changesBody
  .extend({ run_config: jsonObject().optional().openapi({ description: runConfigDescription }) })
  .openapi('AgentVersionChanges');
export const eventBody = z
  .object({
    event_name: z.literal('llm', { error: 'must be "llm": only LLM events are supported' }),
    properties: shape.event.properties,
    fingerprint_id: shape.event.fingerprintId,
    agent: shape.event.agent,
    agent_version: shape.event.agentVersion,
    person: shape.event.person,
    session: shape.event.session,
  })
  .openapi('CreateEvent');

export const personSchema = z
  .object({
    person_id: exampleString('user-1234'),
    properties: jsonObject()
      .nullable()
      .openapi({ example: { plan: 'pro' } }),
    created_at: timestampField(),
  })
  .openapi('Person');
export const agentSchema = z
  .object({
    agent_id: idField(
      'What the trigger routes and `POST /run/api/executions` call `agentId` (they take the name too)',
    ),
    agent_name: exampleString('support-bot'),
    description: z.string().nullable(),
    agent_number: z.number().int(),
    created_at: timestampField(),
    deprecated_at: timestampField().nullable(),
  })
  .openapi('Agent');
export const versionSchema = z
  .object({
    agent_version_id: idField(),
    agent_version_name: exampleString('v2'),
    description: z.string().nullable(),
    agent_version_number: z.number().int(),
    created_at: timestampField(),
    deprecated_at: timestampField().nullable(),
    run_config: jsonObject().nullable().openapi({ description: runConfigDescription }),
  })
  .openapi('AgentVersion');
export const eventSchema = z
  .object({
    event_id: idField(),
    event_name: z.literal('llm'),
    fingerprint_id: idField(),
    provider: exampleString('openai').nullable(),
    model: exampleString('gpt-4o-mini').nullable(),
    input_tokens: z.number().int().nullable(),
    output_tokens: z.number().int().nullable(),
    cached_input_tokens: z.number().int().nullable(),
    tool_calls: z.array(
      z.object({
        id: exampleString('call_8fK2mQ').nullable(),
        name: exampleString('lookup_order'),
        arguments: z.unknown(),
      }),
    ),
    finish_reason: exampleString('stop').nullable(),
    error: z.string().nullable(),
    latency_ms: z.number().nullable(),
    cost_usd: z.number().nullable(),
    created_at: timestampField(),
  })
  .openapi('LlmEvent');
