import { randomUUID } from 'node:crypto';
import { Prisma } from '../generated/prisma/client.ts';
import type { Published, Topic, TopicPayloads } from './bus/index.ts';
import type { ActorType } from '../auth/viewer.ts';
import type { RequestContext, Services } from './context.ts';
import { AppError } from './errors.ts';
import { storableText } from '../db/storable.ts';
import { writeCommit, type StatementChange } from './commit-statement.ts';
import type { AnyEvent, DomainEvent, EventRoute } from './events.ts';

/** An event emitted in a unit of work, with the audit row it becomes. */
export interface EmittedEvent<P = unknown> {
  /** The audit event's id: later events name it as their cause. */
  id: string;
  event: DomainEvent<P>;
  tenantId: string;
  projectId: string | null;
  resourceId: string;
  /** As emitted: reactions and live subscribers get it. */
  payload: P;
  /** As its schema declares it (unknown fields dropped): audit rows and webhook bodies carry it. */
  data: unknown;
  route: EventRoute;
  causationId: string | null;
  outcome: 'success' | 'failure';
  occurredAt: Date;
  /**
   * Whom the audit log names and the request's correlation id: each event keeps its own, so the
   * units of several requests can commit together.
   */
  actor: { actorType: ActorType; actorId: string } | null;
  correlationId: string;
}

export interface EmitOptions {
  resourceId: string;
  /** The audit event that caused this one; by default the unit's own cause (`work`'s option). */
  causationId?: string | null;
  /** Needed only where the caller acts outside a tenant scope (the admin key). */
  tenantId?: string;
  projectId?: string | null;
}

/** The rows a part of a commit statement returned, as `to_jsonb` gives them. */
export type ReturnedRow = Record<string, unknown>;

/**
 * What a module adds to every unit of work that emitted events: `write` is its rows' INSERT …
 * RETURNING (the audit log's, the outbox's), run as one part of the one statement that writes every
 * step's rows at commit; `committed` runs after the commit with what that part returned
 * (publishes, wake-ups).
 */
export interface CommitStep {
  /**
   * The statement for `events`, or null when they need no rows. With `counted` (a query of emitted
   * ids), only the rows of those events are written: the others' changes did not happen.
   */
  write?: (events: EmittedEvent[], counted: Prisma.Sql | null) => Prisma.Sql | null;
  committed?: (events: EmittedEvent[], rows: ReturnedRow[], services: Services) => void;
}

/**
 * How a module reacts to another's event, inside the same transaction: what it changes commits
 * with the event, or not at all (a trigger's invocation ends with its execution).
 */
export type Reaction = (uow: UnitOfWork, emitted: EmittedEvent) => Promise<void>;

/** The reactions of several modules, each a pair of an event name and what reacts to it, by event name. */
export function reactionsOf(pairs: [string, Reaction][]) {
  const reactions = new Map<string, Reaction[]>();
  for (const [name, reaction] of pairs)
    reactions.set(name, [...(reactions.get(name) ?? []), reaction]);
  return reactions;
}

export interface UnitOfWorkHooks {
  commitSteps: CommitStep[];
  reactions: Map<string, Reaction[]>;
  /** Whether a payload that does not match its schema throws (tests, development) or is logged. */
  strictPayloads: boolean;
}

export class UnitOfWork {
  readonly emitted: EmittedEvent[] = [];
  private readonly published: (() => void)[] = [];
  private reacted = 0;

  constructor(
    readonly ctx: RequestContext,
    readonly tx: Prisma.TransactionClient,
    private readonly causationId: string | null,
  ) {}

  /** Records that `event` happened; returns its audit id. */
  emit<P>(event: DomainEvent<P>, payload: P, options: EmitOptions): string {
    const hooks = this.ctx.services.unitOfWork;
    if (!this.ctx.services.catalogue.has(event)) {
      throw new Error(`event ${event.name} is not in the catalogue`);
    }
    const checked = event.payload.safeParse(payload);
    if (!checked.success) {
      if (hooks.strictPayloads) {
        throw new Error(
          `payload of ${event.name} does not match its schema: ${checked.error.message}`,
        );
      }
      this.ctx.services.logger.warn(
        { event: event.name, issues: checked.error.issues },
        'event payload off schema',
      );
    }
    return this.record(
      event,
      payload,
      checked.success ? checked.data : payload,
      'success',
      options,
    );
  }

  /**
   * Records that `event` was refused: its payload is the error, so it is neither checked against
   * the event's schema, delivered nor reacted to.
   */
  emitRefusal(event: AnyEvent, error: AppError, options: EmitOptions): string {
    // The message may quote what a sender wrote (NUL included): stored as far as PostgreSQL can.
    const payload = { error: { code: error.code, message: storableText(error.message) } };
    return this.record(event as DomainEvent<unknown>, payload, payload, 'failure', options);
  }

  private record<P>(
    event: DomainEvent<P>,
    payload: P,
    data: unknown,
    outcome: EmittedEvent['outcome'],
    options: EmitOptions,
  ) {
    const tenantId = options.tenantId ?? this.ctx.scope?.tenantId;
    if (!tenantId) throw new Error(`event ${event.name} has no tenant`);
    const emitted: EmittedEvent<P> = {
      id: randomUUID(),
      event,
      tenantId,
      projectId:
        options.projectId !== undefined ? options.projectId : (this.ctx.scope?.projectId ?? null),
      resourceId: options.resourceId,
      payload,
      data,
      route: outcome === 'success' ? (event.route?.(payload) ?? {}) : {},
      causationId: options.causationId !== undefined ? options.causationId : this.causationId,
      outcome,
      occurredAt: this.ctx.services.now(),
      actor: this.ctx.actor ?? this.ctx.viewer,
      correlationId: this.ctx.correlationId,
    };
    this.emitted.push(emitted as EmittedEvent);
    return emitted.id;
  }

  /** Publishes a live update (a status row, a journal entry) once the change has committed. */
  publish<T extends Topic>(topic: T, tenantId: string, payload: TopicPayloads[T]) {
    this.published.push(() => this.ctx.services.bus.publish(topic, tenantId, payload));
  }

  /** Runs `effect` once the change has committed (a worker's wake-up). */
  afterCommit(effect: () => void) {
    this.published.push(effect);
  }

  /** Lets other modules react to what was emitted, including what their reactions emit. */
  async react() {
    const { reactions } = this.ctx.services.unitOfWork;
    while (this.reacted < this.emitted.length) {
      const emitted = this.emitted[this.reacted++];
      if (emitted.outcome === 'failure') continue;
      for (const reaction of reactions.get(emitted.event.name) ?? []) await reaction(this, emitted);
    }
  }

  runPublishes() {
    for (const effect of this.published) effect();
  }
}

export interface WorkOptions {
  /** The audit event that caused this change (a webhook's invocation, an approval). */
  causationId?: string | null;
  /**
   * The event a refused change records as a `failure`, in a transaction of its own, with the
   * error: so that `auditStatsByActor.failures` counts refusals.
   */
  refusal?: {
    event: AnyEvent;
    resourceId: string;
    tenantId?: string;
    projectId?: string | null;
  };
  /** The transaction's own timeout (a long journal write). */
  timeoutMs?: number;
}

/**
 * Runs a change as one transaction: its rows through `uow.tx`, what happened through `uow.emit`.
 * Reactions, audit rows and outbox rows join the same transaction; publishes and wake-ups run
 * only after it commits. Nothing is published for a change that rolled back.
 */
export async function work<T>(
  ctx: RequestContext,
  change: (uow: UnitOfWork) => Promise<T>,
  options: WorkOptions = {},
): Promise<T> {
  try {
    return await workTogether([ctx], ([uow]) => change(uow), options);
  } catch (error) {
    if (error instanceof AppError && options.refusal) await recordRefusal(ctx, error, options);
    throw error;
  }
}

/**
 * Runs the changes of several requests of one scope as one transaction (group commit): each
 * context gets its own unit, so each event keeps its own actor, correlation id and publishes,
 * while audit and outbox rows of all of them are written in one statement. `contexts` must
 * share a scope: the transaction runs on the first one's scoped client.
 */
export async function workTogether<T>(
  contexts: RequestContext[],
  change: (units: UnitOfWork[]) => Promise<T>,
  options: Omit<WorkOptions, 'refusal'> = {},
): Promise<T> {
  const [result, { publish }] = await contexts[0].db.$transaction(
    async (tx) => {
      const units = contexts.map((ctx) => new UnitOfWork(ctx, tx, options.causationId ?? null));
      const value = await change(units);
      for (const uow of units) await uow.react();
      return [value, await writeCommit((statement) => tx.$queryRaw(statement), units)] as const;
    },
    { timeout: options.timeoutMs ?? 15_000, maxWait: 10_000 },
  );
  publish();
  return result;
}

/**
 * Runs the changes of several requests of one scope as ONE statement and no transaction (group
 * commit without BEGIN and COMMIT): `change` emits each unit's events as if its change happens
 * and gives its own writes as the statement's leading parts; events whose ids `counted` leaves
 * out get no rows and no publishes. Returns the rows of `returning`, as `to_jsonb` gives them.
 * Events that other modules react to need a transaction (`workTogether`); `uow.tx` is here the
 * scope's client.
 */
export async function workInOneStatement<R extends ReturnedRow>(
  contexts: RequestContext[],
  change: (units: UnitOfWork[]) => StatementChange,
  /** Reads the returned rows before anything is published (what the publishes carry). */
  received: (rows: R[]) => void = () => {},
): Promise<R[]> {
  const units = contexts.map((ctx) => new UnitOfWork(ctx, ctx.db, null));
  const statement = change(units);
  const { reactions } = contexts[0].services.unitOfWork;
  if (units.some((uow) => uow.emitted.some((emitted) => reactions.has(emitted.event.name))))
    throw new Error('events that modules react to are emitted only in a transaction');
  const { returned, publish } = await writeCommit(contexts[0].services.query, units, statement);
  received(returned as R[]);
  publish();
  return returned as R[];
}

/** The failure audit event of a refused change, committed on its own. */
export async function recordRefusal(ctx: RequestContext, error: AppError, options: WorkOptions) {
  const refusal = options.refusal!;
  if (!(refusal.tenantId ?? ctx.scope?.tenantId)) return;
  // One statement writes all it needs: no transaction.
  const uow = new UnitOfWork(ctx, ctx.db, options.causationId ?? null);
  uow.emitRefusal(refusal.event, error, refusal);
  (await writeCommit(ctx.services.query, [uow])).publish();
}

/** Publishes each committed `live` event on the bus under its name. */
export const publishLiveEvents: CommitStep = {
  committed: (events, _rows, services) =>
    services.bus.publishAll(
      events
        .filter((emitted) => emitted.event.live && emitted.outcome === 'success')
        .map(
          (emitted) =>
            ({
              topic: emitted.event.name,
              tenantId: emitted.tenantId,
              payload: emitted.payload,
            }) as Published,
        ),
    ),
};
