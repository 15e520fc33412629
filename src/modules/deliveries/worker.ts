import type { WebhookDelivery, WebhookEndpoint } from '../../generated/prisma/client.ts';
import { signatures, signingSecrets } from './signing.ts';
import { storableText } from '../../db/storable.ts';
import type { Services } from '../../kernel/context.ts';
import { KeyedBatcher } from '../../kernel/batcher.ts';
import { claimFailureLogger, PollingLoop } from '../../kernel/polling-loop.ts';
import { OutboundRefused } from '../../kernel/net/outbound.ts';
import { attemptScopeKey, recordAttempts, type Outcome, type SentAttempt } from './attempts.ts';

export interface DeliveryWorkerOptions {
  pollMs: number;
  timeoutMs: number;
  /** How long an endpoint may keep failing before it is disabled. */
  disableAfterMs: number;
  /** Deliveries this worker sends at once. */
  concurrency: number;
  /** Deliveries in flight to one endpoint at once, counted over every worker's leases. */
  endpointConcurrency: number;
  /** Deliveries in flight for one tenant at once (all its endpoints), counted the same way. */
  tenantConcurrency: number;
}

/**
 * Sends queued deliveries: claims due ones with a lease (`SKIP LOCKED`), signs and POSTs them, records
 * every attempt, and schedules the next one (`RETRY_SCHEDULE_MS`, or the receiver's Retry-After on
 * 429/503). A 410 disables the endpoint, as does failing for longer than `disableAfterMs`. The clock
 * is the services' own, so tests move time instead of sleeping.
 *
 * Each send runs on its own: the worker claims more as soon as a slot frees, and never claims for an
 * endpoint that already has `endpointConcurrency` deliveries in flight (or a tenant with
 * `tenantConcurrency`), so receivers that hang hold that many slots and nobody else's deliveries
 * wait behind them.
 */
export class DeliveryWorker {
  private readonly loop: PollingLoop;
  private readonly claimFailed: (error: unknown) => void;
  private readonly sending = new Set<Promise<void>>();
  /** Aborts the sends still in flight once a shutdown's grace has passed. */
  private readonly shutdown = new AbortController();
  /** Finished attempts, recorded together per scope (one transaction for all that finish at once). */
  private readonly recorded = new KeyedBatcher<SentAttempt, void>(
    async (attempts) => {
      const record = (batch: readonly SentAttempt[]) =>
        recordAttempts(this.services, this.options.disableAfterMs, batch);
      try {
        await record(attempts);
        return attempts.map(() => undefined);
      } catch (error) {
        if (attempts.length === 1) return [error as Error];
        // One attempt that cannot be recorded must not take its neighbours with it.
        return Promise.all(
          attempts.map((attempt) =>
            record([attempt]).then(
              () => undefined,
              (failed: Error) => failed,
            ),
          ),
        );
      }
    },
    { waitMs: 1, maxSize: 200 },
  );

  constructor(
    private readonly services: Services,
    private readonly options: DeliveryWorkerOptions,
  ) {
    this.claimFailed = claimFailureLogger(services.logger, 'claiming webhook deliveries failed');
    this.loop = new PollingLoop(options.pollMs, async () => {
      const free = this.options.concurrency - this.sending.size;
      if (free <= 0) return false;
      let claimed: Awaited<ReturnType<DeliveryWorker['claim']>> = [];
      try {
        claimed = await this.claim(free);
      } catch (error) {
        this.claimFailed(error);
      }
      for (const delivery of claimed) {
        const send = this.attempt(delivery).catch((error) =>
          this.services.logger.error(
            { err: error, deliveryId: delivery.id },
            'webhook delivery failed',
          ),
        );
        this.sending.add(send);
        void send.finally(() => {
          this.sending.delete(send);
          this.loop.nudge();
        });
      }
      return claimed.length > 0;
    });
  }

  start = () => this.loop.start();
  nudge = () => this.loop.nudge();

  /** Sends in flight get SHUTDOWN_GRACE_MS to finish, then are aborted (and recorded as such). */
  async stop() {
    await this.loop.stop();
    const grace = setTimeout(() => this.shutdown.abort(), this.services.config.SHUTDOWN_GRACE_MS);
    await Promise.allSettled(this.sending);
    clearTimeout(grace);
  }

  /**
   * Up to `limit` due deliveries, leaving out endpoints and tenants that already have their share in
   * flight (leases of every worker counted) and admitting no more than their free slots.
   */
  private async claim(limit: number) {
    const now = this.services.now();
    const leaseUntil = new Date(now.getTime() + this.options.timeoutMs + 30_000);
    const { endpointConcurrency, tenantConcurrency } = this.options;
    const rows = await this.services.prisma.$queryRaw<{ id: string }[]>`
      WITH endpoint_in_flight AS (
        SELECT "endpointId", count(*)::int AS sending FROM "WebhookDelivery"
        WHERE "leaseUntil" >= ${now} AND status = 'pending'
        GROUP BY "endpointId"
      ), tenant_in_flight AS (
        SELECT "tenantId", count(*)::int AS sending FROM "WebhookDelivery"
        WHERE "leaseUntil" >= ${now} AND status = 'pending'
        GROUP BY "tenantId"
      ), due AS (
        SELECT d.id, d."endpointId", d."tenantId", d.seq, coalesce(f.sending, 0) AS endpoint_sending, coalesce(t.sending, 0) AS tenant_sending
        FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e.id = d."endpointId"
          LEFT JOIN endpoint_in_flight f ON f."endpointId" = d."endpointId"
          LEFT JOIN tenant_in_flight t ON t."tenantId" = d."tenantId"
        WHERE d.status = 'pending' AND d."nextAttemptAt" <= ${now} AND (d."leaseUntil" IS NULL OR d."leaseUntil" < ${now})
          AND coalesce(f.sending, 0) < ${endpointConcurrency} AND coalesce(t.sending, 0) < ${tenantConcurrency}
          AND (e.enabled OR d."nextTrigger" <> 'scheduled')
          AND NOT (e."orderedByResource" AND d."resourceId" IS NOT NULL AND EXISTS (
            SELECT 1 FROM "WebhookDelivery" earlier
            WHERE earlier."endpointId" = d."endpointId" AND earlier."resourceId" = d."resourceId"
              AND earlier.seq < d.seq AND earlier.status = 'pending'))
        ORDER BY d.seq
        LIMIT ${limit}
        FOR UPDATE OF d SKIP LOCKED
      ), admitted AS (
        SELECT id FROM (
          SELECT id,
            endpoint_sending + row_number() OVER (PARTITION BY "endpointId" ORDER BY seq) AS endpoint_slot,
            tenant_sending + row_number() OVER (PARTITION BY "tenantId" ORDER BY seq) AS tenant_slot
          FROM due) ranked
        WHERE endpoint_slot <= ${endpointConcurrency} AND tenant_slot <= ${tenantConcurrency}
      )
      UPDATE "WebhookDelivery" SET "leaseUntil" = ${leaseUntil}
      WHERE id IN (SELECT id FROM admitted)
      RETURNING id`;
    if (!rows.length) return [];
    return this.services.prisma.webhookDelivery.findMany({
      where: { id: { in: rows.map((row) => row.id) } },
      include: { endpoint: true },
      orderBy: { seq: 'asc' },
    });
  }

  private async send(
    endpoint: WebhookEndpoint,
    headers: Record<string, string>,
    body: string,
  ): Promise<Outcome> {
    const { config, outbound } = this.services;
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const answer = await outbound.send(endpoint.url, {
        method: 'POST',
        headers,
        body,
        timeoutMs: this.options.timeoutMs,
        keepBytes: config.OUTBOUND_KEEP_BYTES,
        maxBytes: config.OUTBOUND_MAX_BYTES,
        signal: this.shutdown.signal,
      });
      const retryAfter = Number(answer.headers['retry-after']);
      return {
        status: answer.status,
        body: storableText(answer.body),
        error: null,
        refused: false,
        retryAfterMs:
          (answer.status === 429 || answer.status === 503) &&
          Number.isFinite(retryAfter) &&
          retryAfter >= 0
            ? retryAfter * 1000
            : null,
        durationMs: elapsed(),
      };
    } catch (error) {
      const message = this.shutdown.signal.aborted
        ? 'The server shut down during the attempt'
        : (error as Error).message;
      return {
        status: null,
        body: null,
        error: storableText(message),
        refused: error instanceof OutboundRefused,
        retryAfterMs: null,
        durationMs: elapsed(),
      };
    }
  }

  private async attempt(delivery: WebhookDelivery & { endpoint: WebhookEndpoint }) {
    const { endpoint } = delivery;
    const now = this.services.now();
    const secrets = signingSecrets(this.services, endpoint, now);
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
    const outcome = await this.send(endpoint, headers, body);
    const sent: SentAttempt = { delivery, at: now, headers, body, outcome };
    await this.recorded.add(attemptScopeKey(sent), sent);
  }
}
