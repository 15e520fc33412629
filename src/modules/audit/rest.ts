import { z } from '@hono/zod-openapi';
import type { AuditEvent } from '../../generated/prisma/client.ts';
import { json, restRouter, routeDeclarer } from '../../rest/kit.ts';
import { exampleString, idField, timestampField } from '../../rest/fields.ts';
import {
  detailResponse,
  validationDetailFormat,
  validationDetailResponses,
} from '../../rest/problem.ts';
import type { ActorType } from '../../auth/viewer.ts';
import { pydanticDateTime, pydanticUuid } from '../../rest/pydantic.ts';
import * as audit from './service.ts';

export const AUDIT_REST_PREFIX = '/api/v1/events';
/** Reference 003's bodies, for every path under `/api/v1/`. */
export const auditErrorFormat = validationDetailFormat('/api/v1/');

const page = {
  limit: z.coerce.number().int().min(1).max(100).default(100),
  offset: z.coerce.number().int().min(0).default(0),
};
const range = z.object({ from: pydanticDateTime, to: pydanticDateTime });

const eventSchema = z
  .object({
    actorId: idField(),
    actorType: z.enum(audit.ACTOR_TYPES),
    causationId: idField().nullable(),
    correlationId: idField(),
    eventType: exampleString('trigger.created'),
    id: idField(),
    occurredAt: timestampField(),
    payload: z.record(z.string(), z.unknown()).openapi({ example: { name: 'GitHub push' } }),
    resourceId: exampleString('github-push'),
    resourceType: z.enum(audit.RESOURCE_TYPES),
    tenantId: idField(),
  })
  .openapi('AuditEvent');
const eventPage = z
  .object({
    events: z.array(eventSchema),
    hasNext: z.boolean(),
    limit: z.number(),
    offset: z.number(),
    total: z.number(),
  })
  .openapi('AuditEventPage');
const keyCounts = z.array(
  z.object({ count: z.number(), key: z.string() }).openapi({
    example: { count: 3, key: 'trigger.created' },
  }),
);

const route = routeDeclarer('Audit');

function toRestEvent(event: AuditEvent): z.infer<typeof eventSchema> {
  return {
    actorId: event.actorId,
    actorType: event.actorType as ActorType,
    causationId: event.causationId,
    correlationId: event.correlationId,
    eventType: event.eventType,
    id: event.id,
    occurredAt: event.occurredAt.toISOString(),
    payload: event.payload as Record<string, unknown>,
    resourceId: event.resourceId,
    resourceType: event.resourceType as audit.ResourceType,
    tenantId: event.tenantId,
  };
}

const toRestPage = (result: Awaited<ReturnType<typeof audit.listAuditEvents>>) => ({
  events: result.events.map(toRestEvent),
  hasNext: result.hasNext,
  limit: result.limit,
  offset: result.offset,
  total: result.total,
});

/** Reference 003's six routes (the HTTP app requires a tenant key before any of them). */
export const auditRoutes = restRouter({ pydantic: true })
  .openapi(
    route({
      method: 'get',
      path: AUDIT_REST_PREFIX,
      operationId: 'listAuditEvents',
      summary: 'List Events',
      request: {
        query: z.object({
          event_type: exampleString('trigger.created').optional(),
          resource_type: z.enum(audit.RESOURCE_TYPES).optional(),
          resource_id: exampleString('github-push').optional(),
          from: pydanticDateTime,
          to: pydanticDateTime,
          ...page,
        }),
      },
      responses: {
        200: json(eventPage, 'Audit events, newest first'),
        ...validationDetailResponses,
      },
    }),
    async (c) => {
      const ctx = c.get('requestContext');
      const query = c.req.valid('query');
      const filter = {
        eventType: query.event_type,
        resourceType: query.resource_type,
        resourceId: query.resource_id,
        from: query.from,
        to: query.to,
      };
      return c.json(toRestPage(await audit.listAuditEvents(ctx, filter, query)), 200);
    },
  )
  .openapi(
    route({
      method: 'get',
      path: `${AUDIT_REST_PREFIX}/aggregate`,
      operationId: 'aggregateAuditEvents',
      summary: 'Aggregate Events',
      request: { query: range },
      responses: {
        200: json(
          z.object({
            byActorType: keyCounts,
            byEventType: keyCounts,
            byResourceType: keyCounts,
            total: z.number(),
          }),
          'Counts',
        ),
        ...validationDetailResponses,
      },
    }),
    async (c) => {
      const ctx = c.get('requestContext');
      return c.json(await audit.aggregateAuditEvents(ctx, c.req.valid('query')), 200);
    },
  )
  .openapi(
    route({
      method: 'get',
      path: `${AUDIT_REST_PREFIX}/correlation/{correlation_id}`,
      operationId: 'listAuditEventsByCorrelation',
      summary: 'List Events By Correlation',
      request: {
        params: z.object({ correlation_id: idField().min(1) }),
        query: z.object(page),
      },
      responses: {
        200: json(
          eventPage,
          'Everything one request set off, oldest first: each event after the one its `causationId` names',
        ),
        ...validationDetailResponses,
      },
    }),
    async (c) => {
      const ctx = c.get('requestContext');
      const { correlation_id } = c.req.valid('param');
      return c.json(
        toRestPage(
          await audit.listAuditEvents(
            ctx,
            { correlationId: correlation_id },
            c.req.valid('query'),
            'oldest',
          ),
        ),
        200,
      );
    },
  )
  .openapi(
    route({
      method: 'get',
      path: `${AUDIT_REST_PREFIX}/resource/{resource_type}/{resource_id}`,
      operationId: 'listAuditEventsByResource',
      summary: 'List Events By Resource',
      request: {
        params: z.object({
          resource_type: z.enum(audit.RESOURCE_TYPES),
          resource_id: exampleString('github-push').min(1),
        }),
        query: z.object(page),
      },
      responses: {
        200: json(eventPage, "One resource's history, newest first"),
        ...validationDetailResponses,
      },
    }),
    async (c) => {
      const ctx = c.get('requestContext');
      const { resource_type, resource_id } = c.req.valid('param');
      return c.json(
        toRestPage(
          await audit.listAuditEvents(
            ctx,
            { resourceType: resource_type, resourceId: resource_id },
            c.req.valid('query'),
          ),
        ),
        200,
      );
    },
  )
  .openapi(
    route({
      method: 'get',
      path: `${AUDIT_REST_PREFIX}/stats/by-actor`,
      operationId: 'auditStatsByActor',
      summary: 'Stats By Actor',
      request: { query: range },
      responses: {
        200: json(
          z.object({
            actors: z.array(
              z.object({
                actorId: idField(),
                actorType: exampleString('api_key'),
                failures: z.number(),
                successes: z.number(),
                total: z.number(),
              }),
            ),
          }),
          'Successes and failures per actor',
        ),
        ...validationDetailResponses,
      },
    }),
    async (c) => {
      const ctx = c.get('requestContext');
      return c.json({ actors: await audit.auditStatsByActor(ctx, c.req.valid('query')) }, 200);
    },
  )
  .openapi(
    route({
      method: 'get',
      path: `${AUDIT_REST_PREFIX}/{event_id}`,
      operationId: 'getAuditEvent',
      summary: 'Get Event',
      request: { params: z.object({ event_id: pydanticUuid }) },
      responses: {
        200: json(eventSchema, 'The audit event'),
        404: detailResponse('Not found'),
        ...validationDetailResponses,
      },
    }),
    async (c) => {
      const ctx = c.get('requestContext');
      return c.json(
        toRestEvent(await audit.getAuditEvent(ctx, c.req.valid('param').event_id)),
        200,
      );
    },
  );
