import { Prisma, type WebhookDelivery } from '../../generated/prisma/client.ts';
import { DeliveryStatus } from '../../generated/prisma/enums.ts';
import { systemContext, type Services } from '../../kernel/context.ts';
import { workInOneStatement, workTogether, type UnitOfWork } from '../../kernel/unit-of-work.ts';
import { RETRY_SCHEDULE_MS } from './service.ts';
import { deliveryFailed, deliverySucceeded, endpointDisabled } from './events.ts';

/** What the receiver answered (or why nothing was). */
export type Outcome = {
  status: number | null;
  body: string | null;
  error: string | null;
  refused: boolean;
  retryAfterMs: number | null;
  durationMs: number;
};

/** One attempt as sent, waiting to be recorded. */
export interface SentAttempt {
  delivery: WebhookDelivery;
  /** When it was sent, by the services' clock. */
  at: Date;
  headers: Record<string, string>;
  body: string;
  outcome: Outcome;
}

/** The scope an attempt is recorded in: attempts of one scope are recorded together. */
export const attemptScopeKey = ({ delivery }: SentAttempt) =>
  `${delivery.tenantId}:${delivery.projectId ?? ''}`;

/** The delivery's state after an attempt: done, or when it is tried next. */
function verdict({ delivery, at, outcome }: SentAttempt) {
  const number = delivery.attemptCount + 1;
  const succeeded = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
  const gone = outcome.status === 410;
  const scheduledDelay = RETRY_SCHEDULE_MS[number];
  const retry = !succeeded && !gone && !outcome.refused && scheduledDelay !== undefined;
  const nextAttemptAt = retry
    ? new Date(at.getTime() + Math.max(scheduledDelay, outcome.retryAfterMs ?? 0))
    : null;
  const status = succeeded
    ? DeliveryStatus.succeeded
    : retry
      ? DeliveryStatus.pending
      : DeliveryStatus.failed;
  return { number, succeeded, gone, nextAttemptAt, status };
}

type EndpointState = { id: string; url: string; projectId: string | null } & {
  enabled: boolean;
  failingSince: Date | null;
  disabledReason: string | null;
};

/**
 * Whether each endpoint keeps failing, followed through the attempts in the order they finished
 * (from its locked row): a success clears `failingSince`; a 410, or failing for longer than
 * `disableAfterMs`, disables it, which is an event of the attempt that did it.
 */
function followEndpoints(
  attempts: readonly SentAttempt[],
  units: UnitOfWork[],
  endpoints: EndpointState[],
  disableAfterMs: number,
) {
  const states = new Map(endpoints.map((endpoint) => [endpoint.id, { ...endpoint }]));
  attempts.forEach((attempt, index) => {
    const state = states.get(attempt.delivery.endpointId);
    // An endpoint deleted meanwhile took its deliveries with it.
    if (!state) return;
    const { succeeded, gone } = verdict(attempt);
    state.failingSince = succeeded ? null : (state.failingSince ?? attempt.at);
    const disable = gone
      ? 'The endpoint answered 410 Gone'
      : !succeeded && attempt.at.getTime() - state.failingSince!.getTime() > disableAfterMs
        ? 'The endpoint kept failing'
        : null;
    if (!disable || !state.enabled) return;
    state.enabled = false;
    state.disabledReason = disable;
    units[index].emit(
      endpointDisabled,
      { endpointId: state.id, url: state.url, reason: disable },
      { resourceId: state.id, projectId: state.projectId },
    );
  });
  return endpoints
    .map((before) => ({ before, after: states.get(before.id)! }))
    .filter(
      ({ before, after }) =>
        before.enabled !== after.enabled ||
        before.failingSince?.getTime() !== after.failingSince?.getTime(),
    )
    .map(({ after }) => after);
}

/**
 * The CTEs that record attempts (`s` their states, `attempts` their rows, `recovered` the endpoints
 * of a batch that only succeeded, cleared of `failingSince`) and give `updated` the ids of the
 * deliveries whose new state they wrote.
 */
function recordedStates(
  states: Record<string, unknown>[],
  endpointIds: string[],
  allSucceeded: boolean,
  now: Date,
) {
  return Prisma.sql`
    s AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(states)}::jsonb) AS s(
        id text, number int, status text, next timestamptz, trigger text, headers jsonb,
        body text, "responseStatus" int, "responseBody" text, error text, "durationMs" int,
        "auditId" text)
    ), attempts AS (
      INSERT INTO "WebhookAttempt" (id, "deliveryId", number, trigger, "requestHeaders",
        "requestBody", "responseStatus", "responseBody", error, "durationMs", "nextAttemptAt")
      SELECT gen_random_uuid()::text, id, number, trigger, headers, body, "responseStatus",
        "responseBody", error, "durationMs", next
      FROM s
    ), recovered AS (
      UPDATE "WebhookEndpoint" SET "failingSince" = NULL, "updatedAt" = ${now}
      WHERE ${allSucceeded} AND "failingSince" IS NOT NULL AND id IN (${Prisma.join(endpointIds)})
    ), updated AS (
      UPDATE "WebhookDelivery" AS d
      SET "attemptCount" = s.number, status = s.status::"DeliveryStatus", "nextAttemptAt" = s.next,
        "leaseUntil" = NULL, "nextTrigger" = 'scheduled', "updatedAt" = ${now}
      FROM s
      WHERE d.id = s.id
      RETURNING d.id
    )`;
}

/**
 * Records attempts of one scope: their attempt rows and the deliveries' new state in one statement
 * (which also clears the endpoints of a batch that only succeeded), each final outcome as its own
 * audit event (the delivery's correlation id, caused by the delivered event). A retry scheduled is
 * no outcome yet. A batch that only succeeded is that one statement with its audit rows, without a
 * transaction; one with failures is a transaction that also follows its endpoints from their locked
 * rows. Each delivery recorded is published as written, rebuilt from the row as claimed.
 */
export async function recordAttempts(
  services: Services,
  disableAfterMs: number,
  attempts: readonly SentAttempt[],
) {
  const { delivery: first } = attempts[0];
  const base = systemContext(
    services,
    { tenantId: first.tenantId, projectId: first.projectId },
    '',
    {
      actorType: 'system',
      actorId: 'webhook-delivery',
    },
  );
  const contexts = attempts.map(({ delivery }) => ({
    ...base,
    correlationId: delivery.correlationId ?? delivery.id,
  }));
  const verdicts = attempts.map(verdict);
  const endpointIds = [...new Set(attempts.map(({ delivery }) => delivery.endpointId))];
  // Endpoints whose attempts all succeeded only stop failing: no lock needed unless they were.
  const allSucceeded = verdicts.every(({ succeeded }) => succeeded);
  const now = services.now();

  /** Emits each final outcome; the statement's states, with the audit id of the outcome. */
  const statesOf = (units: UnitOfWork[]) =>
    attempts.map(({ delivery, headers, body, outcome }, index) => {
      const { status, number, succeeded, nextAttemptAt } = verdicts[index];
      const auditId =
        status === DeliveryStatus.pending
          ? null
          : units[index].emit(
              succeeded ? deliverySucceeded : deliveryFailed,
              {
                deliveryId: delivery.id,
                endpointId: delivery.endpointId,
                messageId: delivery.messageId,
                eventType: delivery.eventType,
                attempt: number,
                responseStatus: outcome.status,
                error: outcome.error,
              },
              { resourceId: delivery.id, causationId: delivery.causationId },
            );
      return {
        id: delivery.id,
        number,
        status,
        next: nextAttemptAt,
        trigger: delivery.nextTrigger,
        headers,
        body,
        responseStatus: outcome.status,
        responseBody: outcome.body,
        error: outcome.error,
        durationMs: outcome.durationMs,
        auditId,
      };
    });
  /** Each delivery the statement updated, as it now is. */
  const updatedRows = (updated: { id: string }[]) => {
    const ids = new Set(updated.map(({ id }) => id));
    return attempts.flatMap(({ delivery }, index): WebhookDelivery[] => {
      if (!ids.has(delivery.id)) return [];
      // The claimed row carries its endpoint's secrets: never published.
      const { endpoint: _endpoint, ...row } = delivery as WebhookDelivery & { endpoint?: unknown };
      const { number, status, nextAttemptAt } = verdicts[index];
      return [
        {
          ...row,
          attemptCount: number,
          status,
          nextAttemptAt,
          leaseUntil: null,
          nextTrigger: 'scheduled',
          updatedAt: now,
        },
      ];
    });
  };

  if (allSucceeded) {
    const updated = await workInOneStatement<{ id: string }>(contexts, (units) => ({
      ctes: recordedStates(statesOf(units), endpointIds, true, now),
      // An outcome is recorded with its delivery's new state, or not at all.
      counted: Prisma.sql`SELECT s."auditId" FROM s JOIN updated USING (id)`,
      returning: Prisma.sql`SELECT id FROM updated`,
    }));
    // After the statement's own publishes (the audit rows'), as after a transaction.
    for (const delivery of updatedRows(updated))
      services.bus.publish('webhookDeliveryUpdated', delivery.tenantId, delivery);
    return;
  }

  await workTogether(contexts, async (units) => {
    const { tx } = units[0];
    const updated = await tx.$queryRaw<{ id: string }[]>`
      WITH ${recordedStates(statesOf(units), endpointIds, false, now)} SELECT id FROM updated`;
    for (const delivery of updatedRows(updated))
      units[0].publish('webhookDeliveryUpdated', delivery.tenantId, delivery);

    // Locked in one order, so that two workers' batches wait for each other instead of deadlocking.
    const endpoints = await tx.$queryRaw<EndpointState[]>`
      SELECT id, url, "projectId", enabled, "failingSince", "disabledReason" FROM "WebhookEndpoint"
      WHERE id IN (${Prisma.join(endpointIds)}) ORDER BY id FOR UPDATE`;
    for (const changed of followEndpoints(attempts, units, endpoints, disableAfterMs)) {
      await tx.webhookEndpoint.update({
        where: { id: changed.id },
        data: {
          failingSince: changed.failingSince,
          enabled: changed.enabled,
          disabledReason: changed.disabledReason,
        },
      });
    }
  });
}

/** The most attempts one transaction records. */
const MAX_BATCH = 200;

/**
 * Records attempts as they finish, per scope one transaction at a time: each takes every attempt of
 * its scope that finished while the previous one committed, so batches grow with the load instead
 * of transactions multiplying.
 */
export class AttemptRecorder {
  private readonly waiting = new Map<
    string,
    { attempt: SentAttempt; done: (error?: Error) => void }[]
  >();

  constructor(
    private readonly services: Services,
    private readonly disableAfterMs: number,
  ) {}

  /** Resolves once the attempt is recorded; rejects with why it could not be. */
  record(attempt: SentAttempt): Promise<void> {
    return new Promise((resolve, reject) => {
      const entry = { attempt, done: (error?: Error) => (error ? reject(error) : resolve()) };
      const key = attemptScopeKey(attempt);
      const queue = this.waiting.get(key);
      if (queue) return void queue.push(entry);
      this.waiting.set(key, [entry]);
      void this.drain(key);
    });
  }

  private async drain(key: string) {
    const queue = this.waiting.get(key)!;
    // Attempts that finish in the same turn share the first transaction too.
    await new Promise((resolve) => setImmediate(resolve));
    while (queue.length) {
      const batch = queue.splice(0, MAX_BATCH);
      const errors = await this.recordBatch(batch.map(({ attempt }) => attempt));
      batch.forEach(({ done }, index) => done(errors[index]));
    }
    this.waiting.delete(key);
  }

  private async recordBatch(attempts: SentAttempt[]): Promise<(Error | undefined)[]> {
    const record = (batch: SentAttempt[]) =>
      recordAttempts(this.services, this.disableAfterMs, batch).then(
        () => undefined,
        (failed: Error) => failed,
      );
    const failed = await record(attempts);
    if (!failed) return attempts.map(() => undefined);
    if (attempts.length === 1) return [failed];
    // One attempt that cannot be recorded must not take its neighbours with it.
    return Promise.all(attempts.map((attempt) => record([attempt])));
  }
}
