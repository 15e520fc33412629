import type { Prisma } from '../../generated/prisma/client.ts';
import { loaderName, withColumns } from '../../db/loaders.ts';
import type { RequestContext } from '../../kernel/context.ts';

// Executions and conversations as other modules' GraphQL fields show them (a trigger invocation's
// execution and conversation): read here, batched per page, so that only this module reads its tables.

type Selection = { select?: object; include?: object };

/** The execution `id`, with the Prisma plugin's selection. */
export function loadExecution(ctx: RequestContext, query: Selection, id: string) {
  return ctx.loaders.load(
    loaderName('Execution', query),
    id,
    (ids) =>
      ctx.db.execution.findMany({
        ...(withColumns(query, 'id') as Prisma.ExecutionFindManyArgs),
        where: { id: { in: ids } },
      }),
    (execution) => execution.id,
  );
}

/** The conversation a client names `conversationId` in a project, with the Prisma plugin's selection. */
export function loadConversation(
  ctx: RequestContext,
  query: Selection,
  projectId: string | null,
  conversationId: string,
) {
  return ctx.loaders.load(
    loaderName('Conversation', query),
    JSON.stringify([projectId, conversationId]),
    (keys) =>
      ctx.db.conversation.findMany({
        ...(withColumns(query, 'projectId', 'conversationId') as Prisma.ConversationFindManyArgs),
        where: {
          OR: keys
            .map((key) => JSON.parse(key) as [string | null, string])
            .map(([projectId, conversationId]) => ({ projectId, conversationId })),
        },
      }),
    (conversation) => JSON.stringify([conversation.projectId, conversation.conversationId]),
  );
}
