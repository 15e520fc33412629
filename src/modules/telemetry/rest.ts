import { z } from '@hono/zod-openapi';
import type { Agent, AgentVersion, LlmEvent, Person } from '../../generated/prisma/client.ts';
import { AppError, httpStatusOf } from '../../kernel/errors.ts';
import { body, json, restRouter, routeDeclarer } from '../../rest/kit.ts';
import { EXAMPLE_ID, exampleString, idField } from '../../rest/fields.ts';
import {
  validationDetailFormat,
  validationDetailResponses,
  type ErrorFormat,
} from '../../rest/problem.ts';
import * as telemetry from './service.ts';
import {
  fingerprintBody,
  personBody,
  personUpdateBody,
  agentBody,
  versionBody,
  changesBody,
  versionChangesBody,
  eventBody,
  personSchema,
  agentSchema,
  versionSchema,
  eventSchema,
} from './rest-schemas.ts';

export const TELEMETRY_REST_PREFIX = '/telemetry/v1';
const validationErrors = validationDetailFormat(TELEMETRY_REST_PREFIX);

/**
 * Reference 004's bodies: `{"type": "person-not-found", ...}` for the errors it names, FastAPI's
 * `422 {"detail": [...]}` for bad input and `{"detail": "..."}` for the rest.
 */
export const telemetryErrorFormat: ErrorFormat = {
  pathPrefix: TELEMETRY_REST_PREFIX,
  respond(c, error, requestId) {
    if (!error.details.type) return validationErrors.respond(c, error, requestId);
    return c.json(
      { type: error.details.type, detail: error.message },
      httpStatusOf[error.code] as 404,
    );
  },
};

const typedError = (type: string) =>
  z
    .object({ type: z.literal(type), detail: z.string() })
    .openapi(`${type.replace(/(^|-)(\w)/g, (_, _dash, c: string) => c.toUpperCase())}`);
const ok = <T extends z.ZodType>(schema: T) => ({ 200: json(schema, 'Successful Response') });
const notFound = (...types: string[]) => ({
  404: json(
    types.length === 1 ? typedError(types[0]) : z.union(types.map(typedError)),
    'Not Found',
  ),
});
const conflict = (type: string) => ({ 409: json(typedError(type), 'Already exists') });
const route = routeDeclarer('Telemetry');

const personPath = z.object({ person_id: exampleString('user-1234') });
const agentPath = z.object({ agent_name: exampleString('support-bot') });
const versionPath = agentPath.extend({ agent_version_name: exampleString('v2') });

const createEventRoute = route({
  method: 'post',
  path: `${TELEMETRY_REST_PREFIX}/events`,
  operationId: 'createLlmEvent',
  summary: 'Create Event',
  description:
    'Records an LLM event. Agents, agent versions, persons and sessions that it names and that do not exist are created.',
  request: body(eventBody, {
    event_name: 'llm',
    fingerprint_id: EXAMPLE_ID,
    agent: 'support-bot',
    agent_version: 'v2',
    person: 'user-1234',
    session: 'session-9',
    properties: {
      inputs: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] },
      outputs: {
        object: 'chat.completion',
        model: 'gpt-4o-mini',
        choices: [
          { index: 0, message: { role: 'assistant', content: 'Hello!' }, finish_reason: 'stop' },
        ],
        usage: { prompt_tokens: 9, completion_tokens: 3 },
      },
      latency_ms: 812,
    },
  }),
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
  request: body(fingerprintBody, {
    language: 'python',
    language_version: '3.12.4',
    system: 'Linux',
    openai_sdk_version: '1.40.0',
    git_repository_url: 'https://github.com/acme/support-bot',
    git_branch: 'main',
    git_commit_hash: '9fceb02d0ae598e95dc970b74767f19372d61af8',
    git_commit_date: '2026-01-14T17:02:11Z',
  }),
  responses: { ...ok(z.object({ fingerprint_id: idField() })), ...validationDetailResponses },
});
const createPersonRoute = route({
  method: 'post',
  path: `${TELEMETRY_REST_PREFIX}/persons`,
  operationId: 'createPerson',
  summary: 'Create Person',
  request: body(personBody, { person_id: 'user-1234', properties: { plan: 'pro' } }),
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
  request: { params: personPath, ...body(personUpdateBody, { properties: { plan: 'team' } }) },
  responses: { ...ok(personSchema), ...notFound('person-not-found'), ...validationDetailResponses },
});
const listAgentsRoute = route({
  method: 'get',
  path: `${TELEMETRY_REST_PREFIX}/agents`,
  operationId: 'listAgents',
  summary: 'List Agents',
  description: 'The agents of the caller’s project (or tenant), by number.',
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(100).default(100),
      offset: z.coerce.number().int().min(0).default(0),
    }),
  },
  responses: {
    ...ok(
      z
        .object({
          agents: z.array(agentSchema),
          total: z.number().int(),
          limit: z.number().int(),
          offset: z.number().int(),
          has_next: z.boolean(),
        })
        .openapi('AgentList'),
    ),
    ...validationDetailResponses,
  },
});
const createAgentRoute = route({
  method: 'post',
  path: `${TELEMETRY_REST_PREFIX}/agents`,
  operationId: 'createAgent',
  summary: 'Create Agent',
  request: body(agentBody, { agent_name: 'support-bot', description: 'Answers order questions' }),
  responses: {
    ...ok(agentSchema),
    ...conflict('agent-already-exists'),
    ...validationDetailResponses,
  },
});
const getAgentRoute = route({
  method: 'get',
  path: `${TELEMETRY_REST_PREFIX}/agents/{agent_name}`,
  operationId: 'getAgent',
  summary: 'Get Agent',
  request: { params: agentPath },
  responses: { ...ok(agentSchema), ...notFound('agent-not-found'), ...validationDetailResponses },
});
const updateAgentRoute = route({
  method: 'patch',
  path: `${TELEMETRY_REST_PREFIX}/agents/{agent_name}`,
  operationId: 'updateAgent',
  summary: 'Update Agent',
  description: 'Sets the fields sent (`deprecated_at: null` undeprecates).',
  request: { params: agentPath, ...body(changesBody, { deprecated_at: '2026-02-01T00:00:00Z' }) },
  responses: { ...ok(agentSchema), ...notFound('agent-not-found'), ...validationDetailResponses },
});
const createVersionRoute = route({
  method: 'post',
  path: `${TELEMETRY_REST_PREFIX}/agents/{agent_name}/versions`,
  operationId: 'createAgentVersion',
  summary: 'Create Agent Version',
  request: {
    params: agentPath,
    ...body(versionBody, {
      agent_version_name: 'v2',
      description: 'Shorter answers',
      run_config: {
        provider: {
          type: 'openai-compatible',
          model: 'gpt-4o-mini',
          apiKeyCredentialId: EXAMPLE_ID,
        },
        systemPrompt: 'You answer questions about orders.',
      },
    }),
  },
  responses: {
    ...ok(versionSchema),
    ...notFound('agent-not-found'),
    ...conflict('agent-version-already-exists'),
    ...validationDetailResponses,
  },
});
const getVersionRoute = route({
  method: 'get',
  path: `${TELEMETRY_REST_PREFIX}/agents/{agent_name}/versions/{agent_version_name}`,
  operationId: 'getAgentVersion',
  summary: 'Get Agent Version',
  request: { params: versionPath },
  responses: {
    ...ok(versionSchema),
    ...notFound('agent-not-found', 'agent-version-not-found'),
    ...validationDetailResponses,
  },
});
const updateVersionRoute = route({
  method: 'patch',
  path: `${TELEMETRY_REST_PREFIX}/agents/{agent_name}/versions/{agent_version_name}`,
  operationId: 'updateAgentVersion',
  summary: 'Update Agent Version',
  description: 'Sets the fields sent (`deprecated_at: null` undeprecates).',
  request: {
    params: versionPath,
    ...body(versionChangesBody, { run_config: { systemPrompt: 'You answer briefly.' } }),
  },
  responses: {
    ...ok(versionSchema),
    ...notFound('agent-not-found', 'agent-version-not-found'),
    ...validationDetailResponses,
  },
});

const iso = (date: Date | null) => date?.toISOString() ?? null;
const toRestPerson = (person: Person) => ({
  person_id: person.personId,
  properties: person.properties as Record<string, unknown> | null,
  created_at: person.createdAt.toISOString(),
});
const toRestAgent = (agent: Agent) => ({
  agent_id: agent.id,
  agent_name: agent.name,
  description: agent.description,
  agent_number: agent.number,
  created_at: agent.createdAt.toISOString(),
  deprecated_at: iso(agent.deprecatedAt),
});
const toRestVersion = (version: AgentVersion) => ({
  agent_version_id: version.id,
  agent_version_name: version.name,
  description: version.description,
  agent_version_number: version.number,
  created_at: version.createdAt.toISOString(),
  deprecated_at: iso(version.deprecatedAt),
  run_config: version.runConfig as Record<string, unknown> | null,
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
const changes = (input: z.output<typeof changesBody>) => ({
  description: input.description,
  deprecatedAt: input.deprecated_at,
});
const versionChanges = ({
  run_config,
  ...rest
}: Omit<z.output<typeof versionBody>, 'agent_version_name'>) => ({
  ...changes(rest),
  runConfig: run_config,
});

/** The service names a version's configuration `runConfig` (GraphQL's name); this page's bodies call it `run_config`. */
async function inVersionBody<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const issues = error instanceof AppError ? error.details.issues : undefined;
    if (!issues?.some((issue) => issue.path[0] === 'runConfig')) throw error;
    const renamed = issues.map((issue) => ({
      ...issue,
      path:
        issue.path[0] === 'runConfig' ? ['body', 'run_config', ...issue.path.slice(1)] : issue.path,
    }));
    throw new AppError((error as AppError).code, (error as AppError).message, {
      ...(error as AppError).details,
      issues: renamed,
    });
  }
}

/** Reference 004's operations (the HTTP app requires a tenant key before any of them). */
export const telemetryRoutes = restRouter()
  .openapi(createEventRoute, async (c) => {
    const { event_name: _eventName, fingerprint_id, agent_version, ...input } = c.req.valid('json');
    const event = await telemetry.recordLlmEvent(c.get('requestContext'), {
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
  )
  .openapi(listAgentsRoute, async (c) => {
    const { limit, offset } = c.req.valid('query');
    const { agents, total } = await telemetry.listAgents(c.get('requestContext'), {
      limit,
      offset,
    });
    return c.json(
      {
        agents: agents.map(toRestAgent),
        total,
        limit,
        offset,
        has_next: offset + agents.length < total,
      },
      200,
    );
  })
  .openapi(createAgentRoute, async (c) => {
    const { agent_name, description } = c.req.valid('json');
    return c.json(
      toRestAgent(
        await telemetry.createAgent(c.get('requestContext'), { name: agent_name, description }),
      ),
      200,
    );
  })
  .openapi(getAgentRoute, async (c) =>
    c.json(
      toRestAgent(
        await telemetry.getAgent(c.get('requestContext'), c.req.valid('param').agent_name),
      ),
      200,
    ),
  )
  .openapi(updateAgentRoute, async (c) =>
    c.json(
      toRestAgent(
        await telemetry.updateAgent(
          c.get('requestContext'),
          c.req.valid('param').agent_name,
          changes(c.req.valid('json')),
        ),
      ),
      200,
    ),
  )
  .openapi(createVersionRoute, async (c) => {
    const { agent_version_name, ...rest } = c.req.valid('json');
    const version = await inVersionBody(
      telemetry.createAgentVersion(c.get('requestContext'), c.req.valid('param').agent_name, {
        name: agent_version_name,
        ...versionChanges(rest),
      }),
    );
    return c.json(toRestVersion(version), 200);
  })
  .openapi(getVersionRoute, async (c) => {
    const { agent_name, agent_version_name } = c.req.valid('param');
    return c.json(
      toRestVersion(
        await telemetry.getAgentVersion(c.get('requestContext'), agent_name, agent_version_name),
      ),
      200,
    );
  })
  .openapi(updateVersionRoute, async (c) => {
    const { agent_name, agent_version_name } = c.req.valid('param');
    const version = await inVersionBody(
      telemetry.updateAgentVersion(
        c.get('requestContext'),
        agent_name,
        agent_version_name,
        versionChanges(c.req.valid('json')),
      ),
    );
    return c.json(toRestVersion(version), 200);
  });
