import { randomUUID } from 'node:crypto';
import type { RateLimiter } from '../auth/rate-limit.ts';
import type { Authenticator, Viewer } from '../auth/viewer.ts';
import { refuseCookieForgery } from '../auth/cookie-forgery.ts';
import { presentedKey, type ActorType, type RequestHeaders } from '../auth/viewer.ts';
import type { Config } from './config.ts';
import { Loaders } from '../db/loaders.ts';
import { scopedClient, type Scope } from '../db/scoped.ts';
import type { Database } from '../db/adapters.ts';
import type { PrismaClient, TriggerInvocation } from '../generated/prisma/client.ts';
import type { Logger } from './logger.ts';
import type { EventBus } from './bus/index.ts';
import type { PriceTable } from '../modules/telemetry/prices.ts';
import type { TriggerCache } from '../modules/triggers/trigger-cache.ts';
import type { IngestRequest, LoggedEvent } from '../modules/events/service.ts';
import type { AcceptedWebhook } from '../modules/triggers/ingest.ts';
import type { KeyedBatcher } from './batcher.ts';
import type { UnitOfWorkHooks } from './unit-of-work.ts';
import type { EventCatalogue } from './events.ts';
import type { OutboundClient } from './net/outbound.ts';
import { currentLogFields } from './log-context.ts';

/** The long-lived parts of a running server, shared by every request. */
export interface Services {
  config: Config;
  prisma: PrismaClient;
  /** One statement past Prisma's engine, on the client's connections (hot single statements). */
  query: Database['query'];
  bus: EventBus;
  logger: Logger;
  authenticator: Authenticator;
  /** Per-IP budget of `/webhooks/*`, whose senders carry no key. */
  webhookLimiter: RateLimiter;
  /** LLM prices: genai-prices' catalogue with LLM_PRICES over it. */
  prices: PriceTable;
  /** Encrypts and decrypts stored credentials (src/auth/credentials-key.ts); null when none is configured. */
  credentialsKey: Buffer | null;
  /** Sends every request to a tenant-chosen URL (webhooks, tools, model providers): the SSRF guard and size caps. */
  outbound: OutboundClient;
  /** The time: tests of retry schedules move it instead of sleeping. */
  now: () => Date;
  /**
   * Batch loaders shared by every subscription of this process: one event reaches many subscribers
   * in the same tick, and their per-event lookups become one query (nothing is cached).
   */
  subscriptionLoaders: Loaders;
  /** Coalesces concurrent single-event ingests per scope into one transaction (group commit). */
  eventIngest: KeyedBatcher<IngestRequest, LoggedEvent[]>;
  /** Coalesces the invocations of concurrent accepted webhooks per scope into one transaction. */
  webhookIngest: KeyedBatcher<AcceptedWebhook, TriggerInvocation>;
  /** Tells this instance's delivery worker that deliveries are due. */
  wakeDeliveries: () => void;
  /** Tells this instance's execution runner that work is waiting (the others find it by polling). */
  wakeRunner: () => void;
  /** Tells this instance's invocation starter that accepted webhooks wait for their executions. */
  wakeInvocations: () => void;
  /** Triggers by webhook key, as webhooks need them (invalidated through the bus). */
  triggerCache: TriggerCache;
  /** Every domain event of every module. */
  catalogue: EventCatalogue;
  /** What every unit of work runs at commit (audit rows, outbox) and the modules' reactions. */
  unitOfWork: UnitOfWorkHooks;
  /** Aborted when the server starts draining: open subscriptions complete. */
  shutdownSignal: AbortSignal;
}

/**
 * Everything a service call needs to know about one request (or one WebSocket operation).
 * `db` is already confined to the caller's tenant (and project): services never scope by hand.
 */
export interface RequestContext {
  services: Services;
  viewer: Viewer | null;
  /** Who the audit log names when no key acts: a verified webhook (through its trigger). */
  actor?: { actorType: ActorType; actorId: string };
  scope: Scope | null;
  db: PrismaClient;
  /** Batch loaders over `db`, new for each request and each WebSocket operation. */
  loaders: Loaders;
  correlationId: string;
  requestId: string;
  client: { ip: string | null; userAgent: string | null };
}

/**
 * The context of work that no request carries (an execution run, a webhook, a delivery): scoped
 * to `scope`, attributed in the audit log to `actor`, joined to `correlationId`.
 */
export function systemContext(
  services: Services,
  scope: Scope,
  correlationId: string,
  actor: NonNullable<RequestContext['actor']>,
  client: RequestContext['client'] = { ip: null, userAgent: null },
): RequestContext {
  noteTenant(scope);
  return {
    services,
    viewer: null,
    actor,
    scope,
    db: scopedClient(services.prisma, scope),
    loaders: new Loaders(),
    correlationId,
    requestId: randomUUID(),
    client,
  };
}

/** The request being served (a webhook's included) logs its tenant from here on. */
function noteTenant(scope: Scope | null) {
  const fields = currentLogFields();
  if (fields && scope) fields.tenantId = scope.tenantId;
}

const CORRELATION_ID = /^[\w.:\-]{1,128}$/;

/**
 * Authenticates the presented key (throws AppError when it is bad) and scopes the database to it.
 * `requestId` is the one the HTTP app gave the request on arrival; `keyCookies` the cookies that may carry its key.
 */
export async function createRequestContext(
  services: Services,
  request: {
    method: string;
    headers: RequestHeaders;
    ip: string | null;
    requestId?: string;
    keyCookies?: string[];
  },
): Promise<RequestContext> {
  refuseCookieForgery(request.method, request.headers, request.keyCookies);
  const token = presentedKey(request.headers, request.keyCookies);
  const viewer = token ? await services.authenticator.authenticate(token, request.ip) : null;
  if (!viewer) await services.authenticator.countAnonymous(request.ip);
  const scope =
    viewer?.kind === 'apiKey' ? { tenantId: viewer.tenantId, projectId: viewer.projectId } : null;
  const requestId = request.requestId ?? randomUUID();
  noteTenant(scope);
  const correlationHeader = request.headers.get('x-correlation-id');
  return {
    services,
    viewer,
    scope,
    db: scope ? scopedClient(services.prisma, scope) : services.prisma,
    loaders: new Loaders(),
    correlationId:
      correlationHeader && CORRELATION_ID.test(correlationHeader) ? correlationHeader : requestId,
    requestId,
    client: { ip: request.ip, userAgent: request.headers.get('user-agent') },
  };
}
