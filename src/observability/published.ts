import type { Counter, Histogram } from 'prom-client';
import type { Services } from '../kernel/context.ts';
import type { TriggerInvocation } from '../generated/prisma/client.ts';

/** Trigger ids by webhook key: the key is a secret, so metrics and logs name the trigger instead. */
const MAX_REMEMBERED_TRIGGERS = 10_000;

/**
 * Counts and logs what this process's work publishes: ended runs, delivery attempts, trigger
 * invocations. Reading the payloads on the bus keeps the modules free of metrics and log calls.
 * Returns the unsubscribe.
 */
export function observePublished(
  services: Services,
  metrics: {
    runDuration: Histogram<'status'>;
    deliveryAttempts: Counter<'endpoint' | 'outcome'>;
    webhookInvocations: Counter<'trigger' | 'outcome'>;
  },
) {
  const { bus, logger, prisma } = services;
  const triggerIds = new Map<string, string>();
  const triggerIdOf = async (webhookKey: string) => {
    let id = triggerIds.get(webhookKey);
    if (!id) {
      const trigger = await prisma.trigger.findUnique({
        where: { webhookKey },
        select: { id: true },
      });
      id = trigger?.id ?? 'deleted';
      if (triggerIds.size >= MAX_REMEMBERED_TRIGGERS) triggerIds.clear();
      triggerIds.set(webhookKey, id);
    }
    return id;
  };
  const invocationSeen = async (invocation: TriggerInvocation) => {
    const outcome =
      invocation.status === 'success'
        ? 'run_succeeded'
        : invocation.status !== 'failed'
          ? 'accepted'
          : invocation.executionId
            ? 'run_failed'
            : 'refused';
    const triggerId = await triggerIdOf(invocation.webhookKey);
    metrics.webhookInvocations.inc({ trigger: triggerId, outcome });
    if (outcome === 'refused')
      logger.warn(
        {
          invocationId: invocation.id,
          triggerId,
          tenantId: invocation.tenantId,
          reason: invocation.errorMessage,
        },
        'webhook refused',
      );
  };

  return bus.onPublish((published) => {
    switch (published.topic) {
      case 'executionUpdated': {
        const execution = published.payload;
        if (!execution.endedAt) return;
        metrics.runDuration.observe(
          { status: execution.status },
          (execution.endedAt.getTime() - execution.createdAt.getTime()) / 1000,
        );
        if (execution.status === 'failed')
          logger.warn(
            {
              executionId: execution.id,
              tenantId: execution.tenantId,
              agentId: execution.agentId,
              error: execution.error,
            },
            'execution failed',
          );
        return;
      }
      case 'webhookDeliveryUpdated': {
        const delivery = published.payload;
        const outcome =
          delivery.status === 'succeeded'
            ? 'succeeded'
            : delivery.status === 'pending'
              ? 'retrying'
              : 'failed';
        metrics.deliveryAttempts.inc({ endpoint: delivery.endpointId, outcome });
        if (outcome !== 'succeeded')
          logger.warn(
            {
              deliveryId: delivery.id,
              endpointId: delivery.endpointId,
              tenantId: delivery.tenantId,
              attempt: delivery.attemptCount,
              nextAttemptAt: delivery.nextAttemptAt,
            },
            outcome === 'retrying' ? 'webhook delivery attempt failed' : 'webhook delivery failed',
          );
        return;
      }
      case 'triggerInvocationUpdated':
        invocationSeen(published.payload).catch((error) =>
          logger.warn({ err: error }, 'a trigger invocation could not be counted'),
        );
        return;
    }
  });
}
