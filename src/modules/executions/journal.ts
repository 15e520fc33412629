import { Prisma, type Execution } from '../../generated/prisma/client.ts';
import type { Scope } from '../../db/scoped.ts';
import type { EventBus } from '../../kernel/bus/index.ts';
import { Feed, Page } from '../../kernel/bus/feed.ts';
import type { ExecutionStatus } from '../../generated/prisma/enums.ts';
import type { UnitOfWork } from '../../kernel/unit-of-work.ts';
import type { Services } from '../../kernel/context.ts';

/** What an execution streams; each is journaled with the next sequence number. */
export const JOURNAL_TYPES = [
  'status_changed',
  'text_delta',
  'tool_call',
  'approval_requested',
  'approval_decided',
  'tool_result',
  'step_restarted',
  'error',
  'finished',
] as const;
export type JournalType = (typeof JOURNAL_TYPES)[number];

export const TERMINAL_STATUSES = ['completed', 'failed', 'cancelled'] as const;
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];
export const isTerminal = (status: ExecutionStatus): status is TerminalStatus =>
  (TERMINAL_STATUSES as readonly string[]).includes(status);

export interface JournalEntry {
  tenantId: string;
  projectId: string | null;
  executionId: string;
  seq: number;
  type: JournalType;
  data: Record<string, unknown>;
  createdAt: Date;
}

/** One statement past Prisma's engine (`Services.query`): a replay's page costs Prisma more than its read. */
type Query = Services['query'];

/** Where journal entries are written, and what publishes them once that has committed: a unit of work. */
export type JournalWriter = Pick<UnitOfWork, 'tx' | 'publish'>;

/** An entry to append: its number and time are the journal's. */
export type JournalInput = { type: JournalType; data?: Record<string, unknown> };

/**
 * The CTEs that append `entries` after the execution's last one, under `guard`: `counter` is its
 * updated row (`changes` are more assignments to it, `columns` what it returns besides `base`),
 * `appended` the new entries.
 */
export function appending(
  executionId: string,
  entries: JournalInput[],
  guard: { leaseOwner?: string },
  changes: Prisma.Sql[],
  columns: Prisma.Sql,
) {
  const leaseCondition = guard.leaseOwner
    ? Prisma.sql`AND "leaseOwner" = ${guard.leaseOwner} AND status = 'running'`
    : Prisma.empty;
  return Prisma.sql`
    counter AS (
      UPDATE "Execution" SET "journalLength" = "journalLength" + ${entries.length}::int, "updatedAt" = now()${changes.length ? Prisma.sql`, ${Prisma.join(changes)}` : Prisma.empty}
      WHERE id = ${executionId} ${leaseCondition}
      RETURNING ${columns}, "journalLength" - ${entries.length}::int AS base
    ), appended AS (
      INSERT INTO "ExecutionEvent" ("executionId", seq, type, data, "createdAt")
      SELECT ${executionId}, counter.base + e.ord::int, e.value->>'type', COALESCE(e.value->'data', '{}'::jsonb), now()
      FROM counter, jsonb_array_elements(${JSON.stringify(entries)}::jsonb) WITH ORDINALITY AS e(value, ord)
      RETURNING seq, type, data, "createdAt"
    )`;
}

/**
 * Appends entries to an execution's journal, numbered after its last one, and publishes them once
 * they committed: no subscriber sees an entry the database does not have. The
 * counter row's lock orders concurrent appenders (a worker and an approval), so entries commit in
 * sequence order. With `leaseOwner` nothing is written unless that worker still holds a running
 * execution's lease: a worker that lost it (or whose run was cancelled) learns so from an empty result.
 */
export async function appendJournal(
  uow: JournalWriter,
  executionId: string,
  entries: JournalInput[],
  guard: { leaseOwner?: string } = {},
): Promise<JournalEntry[]> {
  const rows = await uow.tx.$queryRaw<JournalEntry[]>`
    WITH ${appending(executionId, entries, guard, [], Prisma.sql`"tenantId", "projectId"`)}
    SELECT counter."tenantId", counter."projectId", ${executionId} AS "executionId", appended.*
    FROM appended, counter ORDER BY appended.seq`;
  for (const row of rows) uow.publish('executionJournal', row.tenantId, row);
  return rows;
}

/**
 * `appendJournal` that also makes `changes` (SQL assignments) to the execution's row, in the same
 * statement: the changed row, or null when nothing was written.
 */
export async function appendJournalChanging(
  uow: JournalWriter,
  executionId: string,
  entries: JournalInput[],
  guard: { leaseOwner?: string },
  changes: Prisma.Sql[],
): Promise<Execution | null> {
  const rows = await uow.tx.$queryRaw<
    (Execution & {
      base: number;
      entrySeq: number;
      entryType: JournalType;
      entryData: Record<string, unknown>;
      entryCreatedAt: Date;
    })[]
  >`
    WITH ${appending(executionId, entries, guard, changes, Prisma.sql`*`)}
    SELECT counter.*, appended.seq AS "entrySeq", appended.type AS "entryType",
      appended.data AS "entryData", appended."createdAt" AS "entryCreatedAt"
    FROM appended, counter ORDER BY appended.seq`;
  for (const { tenantId, projectId, entrySeq, entryType, entryData, entryCreatedAt } of rows) {
    uow.publish('executionJournal', tenantId, {
      tenantId,
      projectId,
      executionId,
      seq: entrySeq,
      type: entryType,
      data: entryData,
      createdAt: entryCreatedAt,
    });
  }
  if (!rows.length) return null;
  const {
    base: _base,
    entrySeq: _seq,
    entryType: _type,
    entryData: _data,
    entryCreatedAt: _createdAt,
    ...execution
  } = rows[0];
  return execution;
}

/**
 * At most `limit` entries of the journal after `after`, in order. A replay reads thousands, so the
 * database sends them as one JSON array of `[seq, type, data, createdAt in ms]`, parsed at once:
 * one value to decode instead of four per row (Prisma's findMany, or even its row decoding of a
 * raw query, costs several times the read itself). The execution was found in the caller's
 * scope; its entries have no scope of their own.
 */
export async function readJournal(
  query: Query,
  executionId: string,
  after: number,
  limit: number,
): Promise<StreamEntry[]> {
  const [{ entries }] = await query(
    Prisma.sql`
    SELECT coalesce(json_agg(json_build_array(seq, type, data,
      (extract(epoch FROM "createdAt") * 1000)::bigint) ORDER BY seq), '[]')::text AS entries
    FROM (SELECT seq, type, data, "createdAt" FROM "ExecutionEvent"
      WHERE "executionId" = ${executionId} AND seq > ${after} ORDER BY seq LIMIT ${limit}) AS page`,
    { prepare: true },
  );
  return (
    JSON.parse(entries as string) as [number, JournalType, Record<string, unknown>, number][]
  ).map(([seq, type, data, createdAt]) => ({
    executionId,
    seq,
    type,
    data,
    createdAt: new Date(createdAt),
  }));
}

const REPLAY_PAGE = 1000;

/**
 * Journal reads in flight by execution, position and size: subscribers that replay one run at once
 * (a popular run, a reconnecting crowd) share one statement, and its entries, so their GraphQL
 * answers too. A follower only shares a read that started after it was listening: what the read
 * cannot have seen, it receives live.
 */
const readsInFlight = new Map<string, { startedAt: number; entries: Promise<StreamEntry[]> }>();
/** Orders listening starts and read starts. */
let clock = 0;

function readJournalOnce(
  query: Query,
  executionId: string,
  after: number,
  limit: number,
  since: number,
) {
  const key = `${executionId}:${after}:${limit}`;
  const inFlight = readsInFlight.get(key);
  if (inFlight && inFlight.startedAt > since) return inFlight.entries;
  const read = { startedAt: ++clock, entries: readJournal(query, executionId, after, limit) };
  readsInFlight.set(key, read);
  const forget = () => {
    if (readsInFlight.get(key) === read) readsInFlight.delete(key);
  };
  read.entries.then(forget, forget);
  return read.entries;
}

type StreamEntry = Omit<JournalEntry, 'tenantId' | 'projectId'>;

/**
 * Live entries a reader may leave unread (its socket is full): past them it is not sent more, it
 * reads what it missed from the journal again, a page at a time, once it has caught up.
 */
const LIVE_UNREAD = REPLAY_PAGE;

/**
 * An execution's journal after `after`, then its new entries as they are appended on any instance,
 * until `finished`: no gap and no duplicate at the switch. The live subscription starts before the
 * replay; what it receives meanwhile waits, and anything it skipped is read back from the database.
 * What is read back comes as pages (`Page`), one step each. A live entry that follows the last one
 * delivered goes straight to the reader: a run followed by thousands of subscribers costs each of
 * them no more than a push. A reader that falls `LIVE_UNREAD` entries behind reads the rest back.
 */
export function followJournal(
  query: Query,
  bus: EventBus,
  scope: Scope,
  executionId: string,
  after: number,
  signal: AbortSignal,
): AsyncIterable<StreamEntry | Page<StreamEntry>> {
  return new Feed<StreamEntry | Page<StreamEntry>>((feed) => {
    let last = after;
    const emit = (entry: StreamEntry) => {
      if (entry.seq <= last) return;
      last = entry.seq;
      feed.push(entry);
      if (entry.type === 'finished') feed.end();
    };
    const emitPage = (entries: StreamEntry[]) => {
      // The read's own array when all of it is new: the followers that share the read share its
      // page, and so its answers (shared-subscriptions.ts).
      const fresh = entries[0]?.seq > last ? entries : entries.filter((entry) => entry.seq > last);
      // A single entry goes as itself, as a live one would.
      if (fresh.length < 2) {
        fresh.forEach(emit);
        return;
      }
      last = fresh[fresh.length - 1].seq;
      feed.push(new Page(fresh));
      if (fresh.some((entry) => entry.type === 'finished')) feed.end();
    };
    /**
     * The entries after the last delivered (up to `limit` of them) that had been published by the
     * time `since` (of `clock`), a page at a time, each once the reader has taken the one before;
     * the first is read once the reader has caught up, each next one while it takes the one before.
     */
    const readBack = async (since: number, limit = Infinity) => {
      const read = (after: number, left: number) =>
        left > 0 && !feed.ended
          ? readJournalOnce(query, executionId, after, Math.min(left, REPLAY_PAGE), since)
          : undefined;
      await feed.whenUnreadBelow(1);
      let left = limit;
      for (let reading = read(last, left); reading;) {
        const size = Math.min(left, REPLAY_PAGE);
        const page = await reading;
        left -= page.length;
        reading = page.length < size ? undefined : read(page[page.length - 1].seq, left);
        await feed.whenUnreadBelow(1);
        emitPage(page);
      }
    };
    // Deliveries that read the database run one at a time, in arrival order (the replay first);
    // while one is queued, live entries wait behind it (`held` of them, at most).
    let delivering: Promise<void> | undefined;
    const enqueue = (task: () => Promise<void>) => {
      const run = (delivering ?? Promise.resolve())
        .then(task)
        .catch((error: unknown) => feed.end(error))
        .finally(() => {
          if (delivering === run) delivering = undefined;
        });
      delivering = run;
    };
    let held = 0;
    let catchUpQueued = false;
    const listeningSince = ++clock;
    const stopListening = bus.listen('executionJournal', scope, (entry) => {
      if (entry.executionId !== executionId || entry.seq <= last) return;
      if (!delivering && entry.seq === last + 1 && feed.unread < LIVE_UNREAD) emit(entry);
      else if (held + feed.unread < LIVE_UNREAD) {
        const arrivedAt = ++clock;
        held += 1;
        enqueue(async () => {
          held -= 1;
          if (entry.seq > last + 1) await readBack(arrivedAt, entry.seq - last - 1);
          emit(entry);
        });
      } else if (!catchUpQueued) {
        // Too far behind to keep what arrives: the entry is read back with everything after it.
        // The read counts from the catch-up's start, so it also covers the entries dropped
        // while it was queued.
        catchUpQueued = true;
        enqueue(() => {
          catchUpQueued = false;
          return readBack(++clock);
        });
      }
    });
    // Entries published while Redis was away never arrive: read them back once it returns.
    const stopCatchingUp = bus.onResubscribed(() => {
      const resubscribedAt = ++clock;
      enqueue(() => readBack(resubscribedAt));
    });
    const abort = () => feed.end();
    signal.addEventListener('abort', abort, { once: true });
    if (signal.aborted) abort();
    enqueue(() => readBack(listeningSince));
    return () => {
      signal.removeEventListener('abort', abort);
      stopCatchingUp();
      stopListening();
    };
  });
}
