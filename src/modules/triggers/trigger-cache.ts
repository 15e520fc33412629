import { LRUCache } from 'lru-cache';
import type { ValidateFunction } from 'ajv';
import type { PrismaClient, Trigger } from '../../generated/prisma/client.ts';
import { EVERY_TENANT, type EventBus } from '../../kernel/bus/index.ts';
import type { Services } from '../../kernel/context.ts';
import type { Reaction } from '../../kernel/unit-of-work.ts';
import { credentialDeleted, credentialRotated } from '../credentials/events.ts';
import { decryptSigningSecrets, type SigningSecrets } from '../credentials/service.ts';
import { triggerDeleted, triggerUpdated, triggerWebhookUrlRotated } from './events.ts';
import { signatureVerificationSchema, type SignatureVerification } from './signature.ts';
import { validatorOf } from './validators.ts';

/** What a webhook needs of its trigger before it writes anything. */
export interface WebhookTrigger {
  trigger: Trigger;
  signature: SignatureVerification | null;
  /** The signing credentials' secrets, decrypted once (each request checks a previous secret's grace). */
  secrets: SigningSecrets[];
  /** The input schema's validator. */
  validate: ValidateFunction | null;
}

const MAX_ENTRIES = 1000;
/** A lost invalidation (Redis away while it was published) heals within this time. */
const MAX_AGE_MS = 60_000;

/**
 * Triggers by webhook key, with their parsed signature configuration, decrypted signing secrets and
 * input schema validator, so that a webhook costs no lookup, decryption or hashing. A change of a tenant's triggers or credentials drops that
 * tenant's entries here at once after its commit, and on every other instance through the bus.
 */
export class TriggerCache {
  private readonly entries = new LRUCache<
    string,
    { loaded: Promise<WebhookTrigger | null>; tenantId?: string }
  >({ max: MAX_ENTRIES, ttl: MAX_AGE_MS });

  constructor(
    private readonly prisma: PrismaClient,
    private readonly bus: EventBus,
    private readonly credentialsKey: Services['credentialsKey'],
    shutdownSignal: AbortSignal,
  ) {
    void this.listen(shutdownSignal);
    bus.onResubscribed(() => this.entries.clear());
  }

  /** The enabled trigger a webhook key names, or null. */
  get(webhookKey: string): Promise<WebhookTrigger | null> {
    const cached = this.entries.get(webhookKey);
    if (cached) return cached.loaded;
    const entry = { loaded: this.load(webhookKey), tenantId: undefined as string | undefined };
    this.entries.set(webhookKey, entry);
    // Only triggers are kept: a key that names none is looked up again next time.
    const forget = () => this.entries.peek(webhookKey) === entry && this.entries.delete(webhookKey);
    entry.loaded.then(
      (found) => (found ? (entry.tenantId = found.trigger.tenantId) : forget()),
      forget,
    );
    return entry.loaded;
  }

  /** Drops what is cached of a tenant's triggers (here), and tells the other instances. */
  changed(tenantId: string) {
    this.forgetTenant(tenantId);
    this.bus.publish('triggersChanged', EVERY_TENANT, { tenantId, projectId: null });
  }

  private forgetTenant(tenantId: string) {
    for (const [key, entry] of [...this.entries.entries()])
      // An entry still loading may hold the configuration from before the change.
      if (entry.tenantId === tenantId || entry.tenantId === undefined) this.entries.delete(key);
  }

  private async load(webhookKey: string): Promise<WebhookTrigger | null> {
    const trigger = await this.prisma.trigger.findUnique({ where: { webhookKey } });
    if (!trigger?.enabled) return null;
    const signature = trigger.signatureVerification
      ? signatureVerificationSchema.parse(trigger.signatureVerification)
      : null;
    const credentials = signature
      ? await this.prisma.credential.findMany({
          where: { id: { in: trigger.signingSecretCredentialIds }, tenantId: trigger.tenantId },
        })
      : [];
    return {
      trigger,
      signature,
      secrets: decryptSigningSecrets(this.credentialsKey, credentials),
      validate: trigger.inputSchema ? validatorOf(trigger) : null,
    };
  }

  private async listen(signal: AbortSignal) {
    const changes = this.bus.subscribe(
      'triggersChanged',
      { tenantId: EVERY_TENANT, projectId: null },
      signal,
    );
    for await (const { tenantId } of changes) this.forgetTenant(tenantId);
  }
}

/** A tenant's triggers or signing credentials changed: once it commits, no instance uses what it cached. */
const dropCachedTriggers: Reaction = async (uow, emitted) => {
  uow.afterCommit(() => uow.ctx.services.triggerCache.changed(emitted.tenantId));
};

export const triggerCacheReactions: [string, Reaction][] = [
  triggerUpdated,
  triggerDeleted,
  triggerWebhookUrlRotated,
  credentialRotated,
  credentialDeleted,
].map((event) => [event.name, dropCachedTriggers]);
