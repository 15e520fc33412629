import type { z } from 'zod';
import type { EmittedEvent, Reaction, UnitOfWork } from '../../kernel/unit-of-work.ts';
import { modelCalled } from '../executions/events.ts';
import { storeLlmCalls } from './ingest.ts';
import { ensureFingerprint } from './service.ts';

/** The environment an execution's model calls are recorded from. */
const RUNNER_ENVIRONMENT = {
  language: 'typescript',
  languageVersion: process.versions.node,
  system: 'switchboard-executions',
};

/**
 * An execution's model call becomes an LLM event of its agent, version and conversation (as the
 * session), in the transaction of the runner's step: what the runner knows is stored as it is,
 * with no provider payload made up around it.
 */
const recordModelCall: Reaction = async (uow, emitted) => {
  const call = emitted.payload as z.output<typeof modelCalled.payload>;
  const scope = { tenantId: emitted.tenantId, projectId: emitted.projectId };
  const caused = causedBy(uow, emitted);
  const { fingerprint } = await ensureFingerprint(caused, scope, RUNNER_ENVIRONMENT);
  await storeLlmCalls(caused, scope, [
    {
      fingerprintId: fingerprint.id,
      version: { agentId: call.agentId, id: call.agentVersionId },
      session: call.conversationId,
      properties: { executionId: call.executionId, step: call.step },
      summary: {
        provider: call.provider,
        model: call.model,
        inputTokens: call.inputTokens,
        outputTokens: call.outputTokens,
        cachedInputTokens: null,
        cacheWriteTokens: null,
        toolCalls: call.toolCalls,
        finishReason: call.finishReason,
        error: call.error,
        latencyMs: call.latencyMs,
      },
    },
  ]);
};

/** The unit of work, its events named as caused by `cause`. */
function causedBy(uow: UnitOfWork, cause: EmittedEvent) {
  return {
    ctx: uow.ctx,
    tx: uow.tx,
    emit: ((event, payload, options) =>
      uow.emit(event, payload, { causationId: cause.id, ...options })) as UnitOfWork['emit'],
  };
}

/** What telemetry records of other modules' events (registered in src/app/services.ts). */
export const telemetryReactions: [string, Reaction][] = [[modelCalled.name, recordModelCall]];
