import { builder } from '../../schema/builder.ts';
import type { JournalEntry, JournalType } from './journal.ts';
import { ExecutionStatus } from './schema-types.ts';

export type StreamEvent = Omit<JournalEntry, 'tenantId' | 'projectId'>;
// The journal's data is written by the runner with these keys; each field states its GraphQL type.
const data = <T = any>(event: StreamEvent, key: string) => event.data[key] as T;

/** One member of the stream union per journal type: seq, createdAt and the type's own fields. */
const streamEventTypes = {
  text_delta: builder.objectRef<StreamEvent>('ExecutionTextDelta').implement({
    description: 'A piece of the model’s text, as it streams.',
    fields: (t) => ({
      step: t.int({
        description: 'The model call it belongs to: 1, 2, 3...',
        resolve: (event) => data(event, 'step'),
      }),
      text: t.string({
        description: 'The new text, to append to the step’s.',
        resolve: (event) => data(event, 'text'),
      }),
    }),
  }),
  tool_call: builder.objectRef<StreamEvent>('ExecutionToolCallRequested').implement({
    description: 'The model called a tool.',
    fields: (t) => ({
      step: t.int({
        description: 'The model call that made it: 1, 2, 3...',
        resolve: (event) => data(event, 'step'),
      }),
      toolCallId: t.string({
        description: 'The model’s id for the call.',
        resolve: (event) => data(event, 'toolCallId'),
      }),
      name: t.string({ description: 'The tool called.', resolve: (event) => data(event, 'name') }),
      arguments: t.field({
        type: 'JSON',
        description: 'The arguments the model passed (free-form).',
        resolve: (event) => data(event, 'arguments'),
      }),
    }),
  }),
  approval_requested: builder.objectRef<StreamEvent>('ExecutionApprovalRequested').implement({
    description: 'A tool call waits for approveToolCall; the run is suspended.',
    fields: (t) => ({
      toolCallId: t.string({
        description: 'The call to approve or deny.',
        resolve: (event) => data(event, 'toolCallId'),
      }),
      name: t.string({ description: 'The tool called.', resolve: (event) => data(event, 'name') }),
      arguments: t.field({
        type: 'JSON',
        description: 'The arguments the model passed (free-form).',
        resolve: (event) => data(event, 'arguments'),
      }),
      expiresAt: t.field({
        type: 'DateTime',
        description: 'When an unanswered request counts as a denial.',
        resolve: (event) => new Date(data<string>(event, 'expiresAt')),
      }),
    }),
  }),
  approval_decided: builder.objectRef<StreamEvent>('ExecutionApprovalDecided').implement({
    description: 'A tool call was approved or denied (or its request expired).',
    fields: (t) => ({
      toolCallId: t.string({
        description: 'The call decided.',
        resolve: (event) => data(event, 'toolCallId'),
      }),
      approved: t.boolean({
        description: 'Whether the call may run.',
        resolve: (event) => data(event, 'approved'),
      }),
      reason: t.string({
        nullable: true,
        description: 'The reason given with the decision.',
        resolve: (event) => data(event, 'reason'),
      }),
      expired: t.boolean({
        description: 'Whether the request expired (a denial).',
        resolve: (event) => data(event, 'expired'),
      }),
    }),
  }),
  tool_result: builder.objectRef<StreamEvent>('ExecutionToolResult').implement({
    description: 'A tool call’s result, which the model reads next.',
    fields: (t) => ({
      toolCallId: t.string({
        description: 'The call answered.',
        resolve: (event) => data(event, 'toolCallId'),
      }),
      name: t.string({ description: 'The tool called.', resolve: (event) => data(event, 'name') }),
      result: t.field({
        type: 'JSON',
        nullable: true,
        description: 'What the tool answered (free-form).',
        resolve: (event) => data(event, 'result'),
      }),
      isError: t.boolean({
        description: 'Whether the tool failed (the result then describes the failure).',
        resolve: (event) => data(event, 'isError'),
      }),
    }),
  }),
  step_restarted: builder.objectRef<StreamEvent>('ExecutionStepRestarted').implement({
    description:
      'A model call was interrupted (its worker died) and starts again: drop the step’s partial text.',
    fields: (t) => ({
      step: t.int({
        description: 'The model call that starts again.',
        resolve: (event) => data(event, 'step'),
      }),
    }),
  }),
  status_changed: builder.objectRef<StreamEvent>('ExecutionStatusChanged').implement({
    description: 'The run’s status changed.',
    fields: (t) => ({
      status: t.field({
        type: ExecutionStatus,
        description: 'The new status.',
        resolve: (event) => data(event, 'status'),
      }),
    }),
  }),
  error: builder.objectRef<StreamEvent>('ExecutionErrorOccurred').implement({
    description: 'The run failed.',
    fields: (t) => ({
      message: t.string({
        description: 'What went wrong.',
        resolve: (event) => data(event, 'message'),
      }),
    }),
  }),
  finished: builder.objectRef<StreamEvent>('ExecutionFinished').implement({
    description: 'The last event of a run.',
    fields: (t) => ({
      status: t.field({
        type: ExecutionStatus,
        description: 'How the run ended.',
        resolve: (event) => data(event, 'status'),
      }),
    }),
  }),
} satisfies Record<JournalType, unknown>;

for (const ref of Object.values(streamEventTypes)) {
  builder.objectFields(ref, (t) => ({
    seq: t.int({
      description: 'Position in the execution’s journal: 1, 2, 3...',
      resolve: (event) => event.seq,
    }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When the event was journaled.',
      resolve: (event) => event.createdAt,
    }),
  }));
}

export const ExecutionStreamEvent = builder.unionType('ExecutionStreamEvent', {
  description: 'One entry of an execution’s journal.',
  types: Object.values(streamEventTypes),
  resolveType: (event) => streamEventTypes[event.type],
});
