import { jsonObject } from '../../kernel/json-object.ts';
import { z } from '@hono/zod-openapi';
import type { LlmEvent, Person } from '../../generated/prisma/client.ts';
import { body, restRouter } from '../../rest/kit.ts';
import { validationDetailResponses } from '../../rest/problem.ts';
import * as ingest from './ingest.ts';
import { TELEMETRY_REST_PREFIX, conflict, notFound, ok, route } from './rest-page.ts';
import * as telemetry from './service.ts';

const shape = {
  fingerprint: telemetry.fingerprintInputSchema.shape,
  person: telemetry.personInputSchema.shape,
  event: ingest.llmEventInputSchema.shape,
};
const fingerprintBody = z
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
const personBody = z
  .object({ person_id: shape.person.personId, properties: shape.person.properties })
  .openapi('CreatePerson');
const personUpdateBody = z.object({ properties: jsonObject() }).openapi('UpdatePerson');
const eventBody = z
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

const personSchema = z
  .object({ person_id: z.string(), properties: jsonObject().nullable(), created_at: z.string() })
  .openapi('Person');
const eventSchema = z
  .object({
    event_id: z.string(),
    event_name: z.literal('llm'),
    fingerprint_id: z.string(),
    provider: z.string().nullable(),
    model: z.string().nullable(),
    input_tokens: z.number().int().nullable(),
    output_tokens: z.number().int().nullable(),
    cached_input_tokens: z.number().int().nullable(),
    tool_calls: z.array(
      z.object({ id: z.string().nullable(), name: z.string(), arguments: z.unknown() }),
    ),
    finish_reason: z.string().nullable(),
    error: z.string().nullable(),
    latency_ms: z.number().nullable(),
    cost_usd: z.number().nullable(),
    created_at: z.string(),
  })
  .openapi('LlmEvent');

const personPath = z.object({ person_id: z.string() });

const createEventRoute = route({
  method: 'post',
  path: `${TELEMETRY_REST_PREFIX}/events`,
  operationId: 'createLlmEvent',
  summary: 'Create Event',
  description:
    'Records an LLM event. Agents, agent versions, persons and sessions that it names and that do not exist are created.',
  request: body(eventBody),
  responses: {
    ...ok(eventSchema),
    ...notFound('fingerprint-not-found'),
    ...validationDetailResponses,
  },
});
const createFingerprintRoute = route({
  method: 'post',
  path: `${TELEMETRY_REST_PREFIX}/fingerprints`,
  operationId: 'createFingerprint',
  summary: 'Create Fingerprint',
  description: 'The same content returns the same `fingerprint_id`.',
  request: body(fingerprintBody),
  responses: { ...ok(z.object({ fingerprint_id: z.string() })), ...validationDetailResponses },
});
const createPersonRoute = route({
  method: 'post',
  path: `${TELEMETRY_REST_PREFIX}/persons`,
  operationId: 'createPerson',
  summary: 'Create Person',
  request: body(personBody),
  responses: {
    ...ok(personSchema),
    ...conflict('person-already-exists'),
    ...validationDetailResponses,
  },
});
const getPersonRoute = route({
  method: 'get',
  path: `${TELEMETRY_REST_PREFIX}/persons/{person_id}`,
  operationId: 'getPerson',
  summary: 'Get Person',
  request: { params: personPath },
  responses: { ...ok(personSchema), ...notFound('person-not-found'), ...validationDetailResponses },
});
const updatePersonRoute = route({
  method: 'put',
  path: `${TELEMETRY_REST_PREFIX}/persons/{person_id}`,
  operationId: 'updatePerson',
  summary: 'Update Person',
  description: 'The properties replace the stored ones.',
  request: { params: personPath, ...body(personUpdateBody) },
  responses: { ...ok(personSchema), ...notFound('person-not-found'), ...validationDetailResponses },
});
const toRestPerson = (person: Person) => ({
  person_id: person.personId,
  properties: person.properties as Record<string, unknown> | null,
  created_at: person.createdAt.toISOString(),
});
const toRestEvent = (event: LlmEvent) => ({
  event_id: event.id,
  event_name: 'llm' as const,
  fingerprint_id: event.fingerprintId,
  provider: event.provider,
  model: event.model,
  input_tokens: event.inputTokens,
  output_tokens: event.outputTokens,
  cached_input_tokens: event.cachedInputTokens,
  tool_calls: event.toolCalls as { id: string | null; name: string; arguments: unknown }[],
  finish_reason: event.finishReason,
  error: event.error,
  latency_ms: event.latencyMs,
  cost_usd: event.costUsd,
  created_at: event.createdAt.toISOString(),
});

/** Reference 004's operations (the HTTP app requires a tenant key before any of them). */
export const telemetryRoutes = restRouter()
  .openapi(createEventRoute, async (c) => {
    const { event_name: _eventName, fingerprint_id, agent_version, ...input } = c.req.valid('json');
    const event = await ingest.recordLlmEvent(c.get('requestContext'), {
      ...input,
      fingerprintId: fingerprint_id,
      agentVersion: agent_version,
    });
    return c.json(toRestEvent(event), 200);
  })
  .openapi(createFingerprintRoute, async (c) => {
    const body = c.req.valid('json');
    const { fingerprint } = await telemetry.createFingerprint(c.get('requestContext'), {
      language: body.language,
      languageVersion: body.language_version,
      system: body.system,
      openaiSdkVersion: body.openai_sdk_version,
      anthropicSdkVersion: body.anthropic_sdk_version,
      geminiSdkVersion: body.gemini_sdk_version,
      vokerSdkVersion: body.voker_sdk_version,
      allPackages: body.all_packages,
      gitRepositoryUrl: body.git_repository_url,
      gitBranch: body.git_branch,
      gitCommitHash: body.git_commit_hash,
      gitCommitDate: body.git_commit_date,
    });
    return c.json({ fingerprint_id: fingerprint.id }, 200);
  })
  .openapi(createPersonRoute, async (c) => {
    const { person_id, properties } = c.req.valid('json');
    return c.json(
      toRestPerson(
        await telemetry.createPerson(c.get('requestContext'), { personId: person_id, properties }),
      ),
      200,
    );
  })
  .openapi(getPersonRoute, async (c) =>
    c.json(
      toRestPerson(
        await telemetry.getPerson(c.get('requestContext'), c.req.valid('param').person_id),
      ),
      200,
    ),
  )
  .openapi(updatePersonRoute, async (c) =>
    c.json(
      toRestPerson(
        await telemetry.updatePerson(
          c.get('requestContext'),
          c.req.valid('param').person_id,
          c.req.valid('json'),
        ),
      ),
      200,
    ),
  );
