import { signatures, SigningKeys } from './signing.ts';
import { storableText } from '../../db/storable.ts';
import type { Services } from '../../kernel/context.ts';
import { claimFailureLogger, PollingLoop } from '../../kernel/polling-loop.ts';
import { OutboundRefused } from '../../kernel/net/outbound.ts';
import { AttemptRecorder, type Outcome, type SentAttempt } from './attempts.ts';
import { CLAIM_AHEAD, claimDeliveries, releaseDeliveries, type Claimed } from './claims.ts';

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

/** Sends in flight, in all and per endpoint and tenant. */
class InFlight {
  readonly ids = new Set<string>();
  private readonly counts = new Map<string, number>();

  constructor(private readonly options: DeliveryWorkerOptions) {}

  /** Whether one more send of `delivery` stays within every limit. */
  admits({ endpointId, tenantId }: Claimed) {
    const { concurrency, endpointConcurrency, tenantConcurrency } = this.options;
    return (
      this.ids.size < concurrency &&
      (this.counts.get(`endpoint:${endpointId}`) ?? 0) < endpointConcurrency &&
      (this.counts.get(`tenant:${tenantId}`) ?? 0) < tenantConcurrency
    );
  }

  add({ id, endpointId, tenantId }: Claimed, change: 1 | -1) {
    if (change > 0) this.ids.add(id);
    else this.ids.delete(id);
    for (const key of [`endpoint:${endpointId}`, `tenant:${tenantId}`]) {
      const count = (this.counts.get(key) ?? 0) + change;
      if (count) this.counts.set(key, count);
      else this.counts.delete(key);
    }
  }
}

/**
 * Sends queued deliveries: claims due ones with a lease (`SKIP LOCKED`), signs and POSTs them, records
 * every attempt, and schedules the next one (`RETRY_SCHEDULE_MS`, or the receiver's Retry-After on
 * 429/503). A 410 disables the endpoint, as does failing for longer than `disableAfterMs`. The clock
 * is the services' own, so tests move time instead of sleeping.
 *
 * Sends run side by side, never more than `endpointConcurrency` to one endpoint (`tenantConcurrency`
 * for one tenant) over every worker, so receivers that hang hold that many slots and nobody else's
 * deliveries wait behind them. The worker claims ahead (`claimDeliveries`): an answer frees its slot
 * for a delivery claimed already, while the attempt is recorded with others (`AttemptRecorder`).
 */
export class DeliveryWorker {
  private readonly loop: PollingLoop;
  private readonly claimFailed: (error: unknown) => void;
  /** Claimed deliveries waiting for a slot, oldest first. */
  private waiting: Claimed[] = [];
  private readonly inFlight: InFlight;
  /**
   * Deliveries answered but not recorded yet: they keep their lease (nobody sends them again) but
   * no longer count against their endpoint's and tenant's sends in flight.
   */
  private readonly answered = new Set<string>();
  /** Every delivery from its send to its recording, for `stop()`. */
  private readonly deliveries = new Set<Promise<void>>();
  /** Aborts the sends still in flight once a shutdown's grace has passed. */
  private readonly shutdown = new AbortController();
  private readonly recorder: AttemptRecorder;
  private readonly signingKeys: SigningKeys;
  /** The last claim found nothing due: answers do not claim again, wake-ups and the poll do. */
  private noneDue = false;
  /**
   * Endpoints whose queue an answer found short since the last claim. A round for them alone (not a
   * wake-up, nor the poll) claims only while one still is: answers that came during a claim would
   * otherwise run another at once, each bringing the few slots freed meanwhile.
   */
  private readonly short = new Set<string>();
  /** A wake-up came since the last claim: new or rescheduled deliveries. */
  private wokenUp = false;
  /** When the last claim not asked for by answers alone ran (performance.now()). */
  private lastFullClaim = 0;
  /**
   * The last such claim left more due than it looked at: the next claim runs whatever the queues,
   * once, to find other endpoints' deliveries behind those of the endpoints it just filled.
   */
  private lookFurther = false;

  constructor(
    private readonly services: Services,
    private readonly options: DeliveryWorkerOptions,
  ) {
    this.inFlight = new InFlight(options);
    this.recorder = new AttemptRecorder(services, options.disableAfterMs);
    this.signingKeys = new SigningKeys(services.credentialsKey);
    this.claimFailed = claimFailureLogger(services.logger, 'claiming webhook deliveries failed');
    this.loop = new PollingLoop(options.pollMs, async () => {
      // Claimed ahead: up to CLAIM_AHEAD deliveries per slot. Attempts waiting to be recorded beyond
      // one per slot hold new claims back, so that recording keeps pace with sending.
      const backlog = Math.max(0, this.answered.size - options.concurrency);
      const free =
        CLAIM_AHEAD * options.concurrency - this.inFlight.ids.size - this.waiting.length - backlog;
      if (free <= 0) return false;
      const full = this.wokenUp || performance.now() - this.lastFullClaim >= options.pollMs;
      if (!full && !this.lookFurther && !this.stillShort()) return false;
      if (full) this.lastFullClaim = performance.now();
      this.wokenUp = false;
      this.lookFurther = false;
      this.short.clear();
      const now = this.services.now();
      let claimed: Claimed[] = [];
      let moreDue = false;
      let noneDue = false;
      try {
        ({ claimed, moreDue, noneDue } = await claimDeliveries(services, {
          limit: free,
          // A delivery may wait for its slot while those ahead of it are sent, then be sent.
          leaseUntil: new Date(now.getTime() + (CLAIM_AHEAD + 1) * options.timeoutMs + 30_000),
          endpointConcurrency: options.endpointConcurrency,
          tenantConcurrency: options.tenantConcurrency,
          held: [...this.waiting.map(({ id }) => id), ...this.inFlight.ids, ...this.answered],
          answered: [...this.answered],
        }));
      } catch (error) {
        this.claimFailed(error);
      }
      this.noneDue = noneDue;
      this.lookFurther = full && moreDue;
      this.waiting.push(...claimed);
      this.startSends();
      // Claiming again at once would find nothing more: answers and new deliveries wake the loop.
      return moreDue;
    });
  }

  start = () => this.loop.start();
  nudge = () => {
    this.wokenUp = true;
    this.loop.nudge();
  };

  /**
   * Deliveries claimed but not sent go back to the queue; sends in flight get SHUTDOWN_GRACE_MS to
   * finish, then are aborted (and recorded as such).
   */
  async stop() {
    await this.loop.stop();
    const unsent = this.waiting.splice(0);
    const grace = setTimeout(() => this.shutdown.abort(), this.services.config.SHUTDOWN_GRACE_MS);
    await Promise.allSettled([
      releaseDeliveries(
        this.services,
        unsent.map(({ id }) => id),
      ),
      ...this.deliveries,
    ]);
    clearTimeout(grace);
  }

  /**
   * Starts every waiting delivery that has a slot, oldest first. One that waited so long that its
   * lease would end during the send is left to lapse: it is claimed again (so never sent twice).
   */
  private startSends() {
    const sendsUntil = this.services.now().getTime() + this.options.timeoutMs;
    this.waiting = this.waiting.filter((delivery) => {
      if (delivery.leaseUntil!.getTime() <= sendsUntil) return false;
      if (!this.inFlight.admits(delivery)) return true;
      const delivered = this.deliver(delivery).catch((error) =>
        this.services.logger.error(
          { err: error, deliveryId: delivery.id },
          'webhook delivery failed',
        ),
      );
      this.deliveries.add(delivered);
      void delivered.finally(() => this.deliveries.delete(delivered));
      return false;
    });
  }

  /** Sends, gives the slot to the next delivery as soon as the answer is in, then records. */
  private async deliver(delivery: Claimed) {
    this.inFlight.add(delivery, 1);
    let sent: SentAttempt;
    try {
      sent = await this.attempt(delivery);
    } finally {
      this.inFlight.add(delivery, -1);
      this.startSends();
    }
    this.answered.add(delivery.id);
    // Claims (each a scan of the due deliveries) refill an endpoint once its queue is short of one
    // delivery per slot, rather than one delivery per answer; none while nothing was due.
    if (!this.noneDue && this.isShort(delivery.endpointId)) {
      this.short.add(delivery.endpointId);
      this.loop.nudge();
    }
    try {
      await this.recorder.record(sent);
    } finally {
      this.answered.delete(delivery.id);
      // A backlog of recordings may have held the claims back.
      if (this.answered.size >= this.options.concurrency) this.nudge();
    }
  }

  /** Whether fewer deliveries wait for the endpoint's slots than it has slots. */
  private isShort(endpointId: string) {
    let queued = 0;
    for (const waiting of this.waiting) if (waiting.endpointId === endpointId) queued++;
    return queued < this.options.endpointConcurrency;
  }

  private stillShort() {
    for (const endpointId of this.short) if (this.isShort(endpointId)) return true;
    return false;
  }
  private async send(url: string, headers: Record<string, string>, body: string): Promise<Outcome> {
    const { config, outbound } = this.services;
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const answer = await outbound.send(url, {
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

  /** Signs and sends one delivery: the attempt as sent, with what came back. */
  private async attempt(delivery: Claimed): Promise<SentAttempt> {
    const { endpoint } = delivery;
    const now = this.services.now();
    const keys = this.signingKeys.of(endpoint, now);
    const body = JSON.stringify(delivery.payload);
    const timestamp = Math.floor(now.getTime() / 1000);
    const headers = {
      ...(endpoint.headers as Record<string, string>),
      'content-type': 'application/json',
      'user-agent': 'Switchboard-Webhooks/1',
      'webhook-id': delivery.messageId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatures(keys, delivery.messageId, timestamp, body),
    };
    const outcome = await this.send(endpoint.url, headers, body);
    return { delivery, at: now, headers, body, outcome };
  }
}
