import { jsonObject } from '../../kernel/json-object.ts';
import { z } from '@hono/zod-openapi';
import type { Agent, AgentVersion } from '../../generated/prisma/client.ts';
import { AppError } from '../../kernel/errors.ts';
import { body, restRouter } from '../../rest/kit.ts';
import { validationDetailResponses } from '../../rest/problem.ts';
import {
  TELEMETRY_REST_PREFIX,
  conflict,
  dateTime,
  notFound,
  ok,
  route,
} from '../telemetry/rest-page.ts';
import * as agents from './service.ts';

const shape = agents.agentVersionInputSchema.shape;
const agentBody = z
  .object({ agent_name: shape.name, description: shape.description })
  .openapi('CreateAgent');
/**
 * The configuration's own fields stay camelCase: the same JSON as GraphQL's `runConfig`, checked by
 * the same service function (its issues are renamed to `run_config` by `inVersionBody`).
 */
const runConfigDescription =
  'How executions run the version (the JSON of GraphQL’s `runConfig`: provider, systemPrompt, tools, forwardedHeaders, approvalTimeoutSeconds)';
const versionBody = z
  .object({
    agent_version_name: shape.name,
    description: shape.description,
    deprecated_at: dateTime,
    run_config: jsonObject().nullish().openapi({ description: runConfigDescription }),
  })
  .openapi('CreateAgentVersion');
const changesBody = z
  .object({ description: shape.description, deprecated_at: dateTime })
  .openapi('AgentChanges');
const versionChangesBody = changesBody
  .extend({ run_config: jsonObject().optional().openapi({ description: runConfigDescription }) })
  .openapi('AgentVersionChanges');
const agentSchema = z
  .object({
    agent_id: z.string().openapi({
      description:
        'What the trigger routes and `POST /run/api/executions` call `agentId` (they take the name too)',
    }),
    agent_name: z.string(),
    description: z.string().nullable(),
    agent_number: z.number().int(),
    created_at: z.string(),
    deprecated_at: z.string().nullable(),
  })
  .openapi('Agent');
const versionSchema = z
  .object({
    agent_version_id: z.string(),
    agent_version_name: z.string(),
    description: z.string().nullable(),
    agent_version_number: z.number().int(),
    created_at: z.string(),
    deprecated_at: z.string().nullable(),
    run_config: jsonObject().nullable().openapi({ description: runConfigDescription }),
  })
  .openapi('AgentVersion');

const agentPath = z.object({ agent_name: z.string() });
const versionPath = agentPath.extend({ agent_version_name: z.string() });

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
  request: body(agentBody),
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
  request: { params: agentPath, ...body(changesBody) },
  responses: { ...ok(agentSchema), ...notFound('agent-not-found'), ...validationDetailResponses },
});
const createVersionRoute = route({
  method: 'post',
  path: `${TELEMETRY_REST_PREFIX}/agents/{agent_name}/versions`,
  operationId: 'createAgentVersion',
  summary: 'Create Agent Version',
  request: { params: agentPath, ...body(versionBody) },
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
  request: { params: versionPath, ...body(versionChangesBody) },
  responses: {
    ...ok(versionSchema),
    ...notFound('agent-not-found', 'agent-version-not-found'),
    ...validationDetailResponses,
  },
});

const iso = (date: Date | null) => date?.toISOString() ?? null;
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

/** Reference 004's agent operations (the HTTP app requires a tenant key before any of them). */
export const agentRoutes = restRouter()
  .openapi(listAgentsRoute, async (c) => {
    const { limit, offset } = c.req.valid('query');
    const listed = await agents.listAgents(c.get('requestContext'), { limit, offset });
    return c.json(
      {
        agents: listed.agents.map(toRestAgent),
        total: listed.total,
        limit,
        offset,
        has_next: offset + listed.agents.length < listed.total,
      },
      200,
    );
  })
  .openapi(createAgentRoute, async (c) => {
    const { agent_name, description } = c.req.valid('json');
    return c.json(
      toRestAgent(
        await agents.createAgent(c.get('requestContext'), { name: agent_name, description }),
      ),
      200,
    );
  })
  .openapi(getAgentRoute, async (c) =>
    c.json(
      toRestAgent(await agents.getAgent(c.get('requestContext'), c.req.valid('param').agent_name)),
      200,
    ),
  )
  .openapi(updateAgentRoute, async (c) =>
    c.json(
      toRestAgent(
        await agents.updateAgent(
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
      agents.createAgentVersion(c.get('requestContext'), c.req.valid('param').agent_name, {
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
        await agents.getAgentVersion(c.get('requestContext'), agent_name, agent_version_name),
      ),
      200,
    );
  })
  .openapi(updateVersionRoute, async (c) => {
    const { agent_name, agent_version_name } = c.req.valid('param');
    const version = await inVersionBody(
      agents.updateAgentVersion(
        c.get('requestContext'),
        agent_name,
        agent_version_name,
        versionChanges(c.req.valid('json')),
      ),
    );
    return c.json(toRestVersion(version), 200);
  });
