import type { WebhookDelivery, WebhookEndpoint } from '../../generated/prisma/client.ts';
import type { Services } from '../../kernel/context.ts';

/** What a delivery is sent with of its endpoint. */
export type SendingEndpoint = Pick<
  WebhookEndpoint,
  'url' | 'headers' | 'secret' | 'previousSecret' | 'previousSecretExpiresAt'
>;
export type Claimed = WebhookDelivery & { endpoint: SendingEndpoint };

/**
 * How many deliveries a worker may hold per slot, sending one and the rest waiting for it. Each
 * claim scans the due deliveries, and a refill brings some CLAIM_AHEAD - 2 per slot: eight halves
 * the claims of four (PostgreSQL CPU per delivery 0.56 -> 0.42 ms), the lease grows to match.
 */
export const CLAIM_AHEAD = 8;

/** What a claim saw besides what it claimed. */
interface ClaimRound {
  /** Due deliveries it looked at, within `limit`, before slots were counted out. */
  dueCount: number;
  /** Some endpoint or tenant had no slot left. */
  atLimit: boolean;
}

export interface ClaimLimits {
  /** The most deliveries to claim. */
  limit: number;
  leaseUntil: Date;
  endpointConcurrency: number;
  tenantConcurrency: number;
  /** Every delivery the claiming worker holds a lease on: never claimed again, even once it lapsed. */
  held: string[];
  /** Of those, the ones answered already (their attempt not recorded yet): no longer in flight. */
  answered: string[];
}

/**
 * Claims up to `limit` due deliveries with a lease (`SKIP LOCKED`), with what their endpoints are
 * sent with, oldest first, and whether more may be due than it looked at. Deliveries in flight are
 * counted per endpoint and per tenant over every worker's leases, but for the claiming worker's
 * answered ones, and admitted up to the free slots.
 * While no other worker holds a lease on an endpoint (a tenant), the claiming worker may hold
 * `CLAIM_AHEAD` times its slots: the worker sends no more than the slots at once, and the rest wait
 * to follow the first answers at once; any other worker's lease puts the limit back on every lease.
 */
export async function claimDeliveries(services: Services, limits: ClaimLimits) {
  const now = services.now();
  const { endpointConcurrency: endpointSlots, tenantConcurrency: tenantSlots } = limits;
  const [endpointSlotsAlone, tenantSlotsAlone] = [endpointSlots, tenantSlots].map(
    (slots) => CLAIM_AHEAD * slots,
  );
  const rows = await services.prisma.$queryRaw<
    (Partial<WebhookDelivery & SendingEndpoint> & ClaimRound)[]
  >`
    WITH leased AS (
      -- Only a pending delivery holds a lease: every outcome clears it.
      SELECT "endpointId", "tenantId", NOT (id = ANY(${limits.held}::text[])) AS elsewhere,
        id = ANY(${limits.answered}::text[]) AS answered
      FROM "WebhookDelivery"
      WHERE "leaseUntil" >= ${now}
    ), endpoint_slots AS (
      SELECT "endpointId", count(*) FILTER (WHERE NOT answered)::int AS taken,
        CASE WHEN bool_or(elsewhere) THEN ${endpointSlots}::int ELSE ${endpointSlotsAlone}::int END AS slots
      FROM leased GROUP BY "endpointId"
    ), tenant_slots AS (
      SELECT "tenantId", count(*) FILTER (WHERE NOT answered)::int AS taken,
        CASE WHEN bool_or(elsewhere) THEN ${tenantSlots}::int ELSE ${tenantSlotsAlone}::int END AS slots
      FROM leased GROUP BY "tenantId"
    ), due AS (
      -- The pending deliveries in seq order up to the limit, each judged on its own row (an
      -- endpoint or tenant out of slots is a list it is not in), so that the walk stops at the
      -- limit instead of reading every due delivery to sort them.
      SELECT d.id, d."endpointId", d."tenantId", d.seq
      FROM "WebhookDelivery" d
      WHERE d.status = 'pending' AND d."nextAttemptAt" <= ${now}
        AND (d."leaseUntil" IS NULL OR (d."leaseUntil" < ${now} AND NOT (d.id = ANY(${limits.held}::text[]))))
        AND d."endpointId" <> ALL (ARRAY(SELECT "endpointId" FROM endpoint_slots WHERE taken >= slots))
        AND d."tenantId" <> ALL (ARRAY(SELECT "tenantId" FROM tenant_slots WHERE taken >= slots))
        AND EXISTS (
          SELECT 1 FROM "WebhookEndpoint" e
          WHERE e.id = d."endpointId" AND (e.enabled OR d."nextTrigger" <> 'scheduled')
            AND NOT (e."orderedByResource" AND d."resourceId" IS NOT NULL AND EXISTS (
              SELECT 1 FROM "WebhookDelivery" earlier
              WHERE earlier."endpointId" = d."endpointId" AND earlier."resourceId" = d."resourceId"
                AND earlier.seq < d.seq AND earlier.status = 'pending')))
      ORDER BY d.seq
      LIMIT ${limits.limit}
    ), admitted AS (
      SELECT id FROM (
        SELECT due.id, coalesce(f.slots, ${endpointSlotsAlone}::int) AS endpoint_slots,
          coalesce(t.slots, ${tenantSlotsAlone}::int) AS tenant_slots,
          coalesce(f.taken, 0) + row_number() OVER (PARTITION BY due."endpointId" ORDER BY due.seq) AS endpoint_slot,
          coalesce(t.taken, 0) + row_number() OVER (PARTITION BY due."tenantId" ORDER BY due.seq) AS tenant_slot
        FROM due
          LEFT JOIN endpoint_slots f ON f."endpointId" = due."endpointId"
          LEFT JOIN tenant_slots t ON t."tenantId" = due."tenantId") ranked
      WHERE endpoint_slot <= endpoint_slots AND tenant_slot <= tenant_slots
    ), locked AS (
      -- Only the admitted rows are locked (a lock is a write per row): one another worker leased
      -- since this statement began is skipped while its claim runs, or fails the check once it has.
      -- Found by their ids, the status compared as text: statistics taken while few deliveries were
      -- pending would otherwise have the planner walk every pending one for each admitted one.
      SELECT d.id FROM "WebhookDelivery" d
      WHERE d.id = ANY(ARRAY(SELECT id FROM admitted)) AND d.status::text = 'pending'
        AND (d."leaseUntil" IS NULL OR (d."leaseUntil" < ${now} AND NOT (d.id = ANY(${limits.held}::text[]))))
      FOR UPDATE OF d SKIP LOCKED
    ), claimed AS (
      UPDATE "WebhookDelivery" d SET "leaseUntil" = ${limits.leaseUntil}
      FROM locked, "WebhookEndpoint" e
      WHERE d.id = locked.id AND e.id = d."endpointId"
      RETURNING d.*, e.url, e.headers, e.secret, e."previousSecret", e."previousSecretExpiresAt"
    )
    SELECT claimed.*, round.* FROM (
      SELECT (SELECT count(*) FROM due)::int AS "dueCount",
        EXISTS (SELECT 1 FROM endpoint_slots WHERE taken >= slots)
          OR EXISTS (SELECT 1 FROM tenant_slots WHERE taken >= slots) AS "atLimit"
    ) round LEFT JOIN claimed ON true`;
  const [{ dueCount, atLimit }] = rows;
  const claimed = rows
    .filter((row): row is WebhookDelivery & SendingEndpoint & ClaimRound => row.id != null)
    .sort((a, b) => (a.seq < b.seq ? -1 : 1))
    .map(
      ({
        url,
        headers,
        secret,
        previousSecret,
        previousSecretExpiresAt,
        dueCount: _dueCount,
        atLimit: _atLimit,
        ...delivery
      }): Claimed => ({
        ...delivery,
        endpoint: { url, headers, secret, previousSecret, previousSecretExpiresAt },
      }),
    );
  return {
    claimed,
    // As many due as the limit: more may be due behind them. Fewer: every one there was came up,
    // and those left over wait for slots that answers will free.
    moreDue: dueCount >= limits.limit,
    // None due, and no endpoint or tenant at its limit that answers would open: only new or
    // rescheduled deliveries (a wake-up, the poll) can give the next claim anything.
    noneDue: dueCount === 0 && !atLimit,
  };
}

/** Releases the leases of deliveries claimed but never sent (a stopping worker's), for anyone to claim. */
export async function releaseDeliveries(services: Services, ids: string[]) {
  if (!ids.length) return;
  await services.prisma.$executeRaw`
    UPDATE "WebhookDelivery" SET "leaseUntil" = NULL
    WHERE id = ANY(${ids}::text[]) AND status = 'pending'`;
}
