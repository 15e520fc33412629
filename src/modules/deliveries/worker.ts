import { createHmac } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { WebhookDelivery, WebhookEndpoint } from '../../generated/prisma/client.ts';
import { decryptSecret } from '../../auth/credentials-key.ts';
import { systemContext, type Services } from '../../http/context.ts';
import { inAuditedTransaction } from '../audit/service.ts';
import { PollingLoop } from '../../jobs/polling-loop.ts';
import { emitWebhookEvents, RETRY_SCHEDULE_MS } from './service.ts';

/** Address ranges outbound webhooks may not reach unless configuration allows them (SSRF). */
const NETWORKS = {
  loopback: [['127.0.0.0', 8, 'ipv4'], ['::1', 128, 'ipv6']],
  private: [['10.0.0.0', 8, 'ipv4'], ['172.16.0.0', 12, 'ipv4'], ['192.168.0.0', 16, 'ipv4'], ['100.64.0.0', 10, 'ipv4'], ['fc00::', 7, 'ipv6'], ['0.0.0.0', 8, 'ipv4']],
  'link-local': [['169.254.0.0', 16, 'ipv4'], ['fe80::', 10, 'ipv6']],
} as const satisfies Record<string, readonly (readonly [string, number, 'ipv4' | 'ipv6'])[]>;
export type NetworkKind = keyof typeof NETWORKS;

function blockedNetwork(address: string, allowed: readonly NetworkKind[]): NetworkKind | null {
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  for (const [kind, ranges] of Object.entries(NETWORKS) as [NetworkKind, (typeof NETWORKS)[NetworkKind]][]) {
    if (allowed.includes(kind)) continue;
    const list = new BlockList();
    for (const [network, prefix, type] of ranges) list.addSubnet(network, prefix, type);
    if (list.check(mapped ? mapped[1] : address, mapped ? 'ipv4' : family)) return kind;
  }
  return null;
}

/** Refuses a URL whose host is, or resolves to, a network the configuration does not allow. */
export async function refusedDestination(url: string, allowed: readonly NetworkKind[]): Promise<string | null> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((entry) => entry.address);
  for (const address of addresses) {
    const kind = blockedNetwork(address, allowed);
    if (kind) return `${host} resolves to ${address}, a ${kind} address: not allowed (DELIVERY_ALLOWED_NETWORKS)`;
  }
  return null;
}

/** `v1,<base64 HMAC-SHA256 of id.timestamp.body>` per Standard Webhooks, once per secret. */
export function signatures(secrets: string[], messageId: string, timestamp: number, body: string): string {
  return secrets
    .map((secret) => `v1,${createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64')).update(`${messageId}.${timestamp}.${body}`).digest('base64')}`)
    .join(' ');
}

export interface DeliveryWorkerOptions {
  pollMs: number;
  timeoutMs: number;
  /** How long an endpoint may keep failing before it is disabled. */
  disableAfterMs: number;
  allowedNetworks: readonly NetworkKind[];
}

type Outcome = { status: number | null; body: string | null; error: string | null; retryAfterMs: number | null; durationMs: number };

/**
 * Sends queued deliveries: claims due ones with a lease (`SKIP LOCKED`), signs and POSTs them, records
 * every attempt, and schedules the next one (`RETRY_SCHEDULE_MS`, or the receiver's Retry-After on
 * 429/503). A 410 disables the endpoint, as does failing for longer than `disableAfterMs`. The clock
 * is the services' own, so tests move time instead of sleeping.
 */
export class DeliveryWorker {
  private readonly loop: PollingLoop;

  constructor(
    private readonly services: Services,
    private readonly options: DeliveryWorkerOptions,
  ) {
    this.loop = new PollingLoop(options.pollMs, async () => {
      try {
        const claimed = await this.claim();
        await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
        return claimed.length > 0;
      } catch (error) {
        this.services.logger.error({ err: error }, 'webhook delivery failed');
        return false;
      }
    });
  }

  start = () => this.loop.start();
  nudge = () => this.loop.nudge();
  stop = () => this.loop.stop();

  private async claim() {
    const now = this.services.now();
    const leaseUntil = new Date(now.getTime() + this.options.timeoutMs + 30_000);
    const rows = await this.services.prisma.$queryRaw<{ id: string }[]>`
      UPDATE "WebhookDelivery" SET "leaseUntil" = ${leaseUntil}
      WHERE id IN (
        SELECT d.id FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e.id = d."endpointId"
        WHERE d.status = 'pending' AND d."nextAttemptAt" <= ${now} AND (d."leaseUntil" IS NULL OR d."leaseUntil" < ${now})
          AND (e.enabled OR d."nextTrigger" <> 'scheduled')
          AND NOT (e."orderedByResource" AND d."resourceId" IS NOT NULL AND EXISTS (
            SELECT 1 FROM "WebhookDelivery" earlier
            WHERE earlier."endpointId" = d."endpointId" AND earlier."resourceId" = d."resourceId"
              AND earlier.seq < d.seq AND earlier.status = 'pending'))
        ORDER BY d.seq
        LIMIT 20
        FOR UPDATE OF d SKIP LOCKED)
      RETURNING id`;
    if (!rows.length) return [];
    return this.services.prisma.webhookDelivery.findMany({ where: { id: { in: rows.map((row) => row.id) } }, include: { endpoint: true }, orderBy: { seq: 'asc' } });
  }

  private async send(delivery: WebhookDelivery, endpoint: WebhookEndpoint, headers: Record<string, string>, body: string): Promise<Outcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const refused = await refusedDestination(endpoint.url, this.options.allowedNetworks);
      if (refused) return { status: null, body: null, error: refused, retryAfterMs: null, durationMs: elapsed() };
      const response = await fetch(endpoint.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(this.options.timeoutMs) });
      const text = (await response.text()).slice(0, 2000);
      const retryAfter = Number(response.headers.get('retry-after'));
      return {
        status: response.status,
        body: text,
        error: null,
        retryAfterMs: (response.status === 429 || response.status === 503) && Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : null,
        durationMs: elapsed(),
      };
    } catch (error) {
      return { status: null, body: null, error: (error as Error).message, retryAfterMs: null, durationMs: elapsed() };
    }
  }

  private async attempt(delivery: WebhookDelivery & { endpoint: WebhookEndpoint }) {
    const { prisma, credentialsKey } = this.services;
    const { endpoint } = delivery;
    const now = this.services.now();
    const secrets = credentialsKey
      ? [endpoint.secret, ...(endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now ? [endpoint.previousSecret] : [])].map((sealed) =>
          decryptSecret(credentialsKey, sealed),
        )
      : [];
    const body = JSON.stringify(delivery.payload);
    const timestamp = Math.floor(now.getTime() / 1000);
    const headers = {
      ...(endpoint.headers as Record<string, string>),
      'content-type': 'application/json',
      'user-agent': 'Switchboard-Webhooks/1',
      'webhook-id': delivery.messageId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatures(secrets, delivery.messageId, timestamp, body),
    };
    const outcome = await this.send(delivery, endpoint, headers, body);
    const number = delivery.attemptCount + 1;
    const succeeded = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
    const gone = outcome.status === 410;
    const refused = outcome.error?.includes('DELIVERY_ALLOWED_NETWORKS') ?? false;
    const scheduledDelay = RETRY_SCHEDULE_MS[number];
    const retry = !succeeded && !gone && !refused && scheduledDelay !== undefined;
    const nextAttemptAt = retry ? new Date(now.getTime() + Math.max(scheduledDelay, outcome.retryAfterMs ?? 0)) : null;
    const failingSince = succeeded ? null : (endpoint.failingSince ?? now);
    const disable = gone ? 'The endpoint answered 410 Gone' : !succeeded && now.getTime() - failingSince!.getTime() > this.options.disableAfterMs ? 'The endpoint kept failing' : null;

    const [, updated] = await prisma.$transaction([
      prisma.webhookAttempt.create({
        data: {
          deliveryId: delivery.id,
          number,
          trigger: delivery.nextTrigger,
          requestHeaders: headers,
          requestBody: body,
          responseStatus: outcome.status,
          responseBody: outcome.body,
          error: outcome.error,
          durationMs: outcome.durationMs,
          nextAttemptAt,
        },
      }),
      prisma.webhookDelivery.update({
        where: { id: delivery.id },
        data: { attemptCount: number, status: succeeded ? 'succeeded' : retry ? 'pending' : 'failed', nextAttemptAt, leaseUntil: null, nextTrigger: 'scheduled' },
      }),
      prisma.webhookEndpoint.update({
        where: { id: endpoint.id },
        data: { failingSince, ...(disable && endpoint.enabled ? { enabled: false, disabledReason: disable } : {}) },
      }),
    ]);
    this.services.bus.publish('webhookDeliveryUpdated', updated.tenantId, updated);
    if (disable && endpoint.enabled) await this.announceDisabled(endpoint, disable);
  }

  /** A disabled endpoint is itself an event: audited, and delivered to the endpoints that want it. */
  private async announceDisabled(endpoint: WebhookEndpoint, reason: string) {
    const scope = { tenantId: endpoint.tenantId, projectId: endpoint.projectId };
    const ctx = systemContext(this.services, scope, endpoint.id, { actorType: 'system', actorId: 'webhook-delivery' });
    await inAuditedTransaction(ctx, async (_tx, record) =>
      record({ eventType: 'webhook_endpoint.disabled', resourceType: 'webhook_endpoint', resourceId: endpoint.id, payload: { reason } }),
    );
    await emitWebhookEvents(this.services, scope, [{ type: 'endpoint.disabled', resourceId: endpoint.id, data: { endpointId: endpoint.id, url: endpoint.url, reason } }]);
  }
}
