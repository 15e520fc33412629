import { useEffect, useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { Link } from 'wouter';
import { ErrorNote } from '../ErrorNote.tsx';
import { graphql } from '../gql/index.ts';
import type { ConsoleExecutionQuery } from '../gql/graphql.ts';
import { json, when } from '../format.ts';
import { Journal, journalReducer } from './Journal.tsx';

const ConsoleExecution = graphql(`
  query ConsoleExecution($id: ID!) {
    execution(id: $id) {
      id
      status
      error
      correlationId
      createdAt
      endedAt
      input
      agent {
        name
      }
      agentVersion {
        name
      }
      toolCalls {
        toolCallId
        name
        arguments
        status
        approved
        reason
        expiresAt
        result
      }
    }
  }
`);

const ConsoleExecutionJournal = graphql(`
  subscription ConsoleExecutionJournal($executionId: ID!) {
    executionEvents(executionId: $executionId, after: 0) {
      __typename
      ... on ExecutionTextDelta {
        seq
        step
        text
      }
      ... on ExecutionStatusChanged {
        seq
        status
      }
      ... on ExecutionFinished {
        seq
        status
      }
      ... on ExecutionToolCallRequested {
        seq
        toolCallId
        name
        arguments
      }
      ... on ExecutionApprovalRequested {
        seq
        toolCallId
        name
        expiresAt
      }
      ... on ExecutionApprovalDecided {
        seq
        toolCallId
        approved
        reason
        expired
      }
      ... on ExecutionToolResult {
        seq
        toolCallId
        name
        result
        isError
      }
      ... on ExecutionStepRestarted {
        seq
        step
      }
      ... on ExecutionErrorOccurred {
        seq
        message
      }
    }
  }
`);

const ConsoleApprove = graphql(`
  mutation ConsoleApprove(
    $executionId: ID!
    $toolCallId: String!
    $approved: Boolean!
    $reason: String
  ) {
    approveToolCall(
      executionId: $executionId
      toolCallId: $toolCallId
      approved: $approved
      reason: $reason
    ) {
      success
    }
  }
`);

const ConsoleCancel = graphql(`
  mutation ConsoleCancel($id: ID!) {
    cancelExecution(id: $id) {
      id
      status
    }
  }
`);

type ToolCall = NonNullable<ConsoleExecutionQuery['execution']>['toolCalls'][number];
const FINISHED = ['COMPLETED', 'FAILED', 'CANCELLED'];

/** A tool call waiting for a person: Approve or Deny, with a reason. */
function Decision({ executionId, call }: { executionId: string; call: ToolCall }) {
  const [reason, setReason] = useState('');
  const [result, approve] = useMutation(ConsoleApprove);
  const decide = (approved: boolean) =>
    approve({ executionId, toolCallId: call.toolCallId, approved, reason: reason || null });
  const id = `reason-${call.toolCallId}`;
  return (
    <div className="decision">
      <label htmlFor={id}>Reason for {call.name}</label>
      <input id={id} value={reason} onChange={(event) => setReason(event.target.value)} />
      <button type="button" disabled={result.fetching} onClick={() => decide(true)}>
        Approve
      </button>
      <button
        type="button"
        className="danger"
        disabled={result.fetching}
        onClick={() => decide(false)}
      >
        Deny
      </button>
      <ErrorNote error={result.error} />
    </div>
  );
}

export function ExecutionPage({ params }: { params: { id: string } }) {
  const [{ data, error }, refetch] = useQuery({
    query: ConsoleExecution,
    variables: { id: params.id },
  });
  const [journal] = useSubscription(
    { query: ConsoleExecutionJournal, variables: { executionId: params.id } },
    journalReducer,
  );
  const [cancelled, cancel] = useMutation(ConsoleCancel);
  const entries = journal.data ?? [];
  // The run's state (tool calls, status) is read again whenever the journal says it moved on.
  const landmarks = entries.filter((entry) => entry.__typename !== 'ExecutionTextDelta').length;
  useEffect(() => {
    if (landmarks) refetch({ requestPolicy: 'network-only' });
  }, [landmarks, refetch]);
  const execution = data?.execution;
  if (error) return <ErrorNote error={error} />;
  if (data && !execution) return <p role="alert">No execution {params.id}.</p>;
  if (!execution) return <p>Loading…</p>;
  return (
    <section aria-labelledby="execution-title">
      <p>
        <Link href="/executions">← Executions</Link>
      </p>
      <h1 id="execution-title">Execution {execution.id}</h1>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <span
            className={`status ${execution.status.toLowerCase()}`}
            data-testid="execution-status"
          >
            {execution.status}
          </span>
        </dd>
        <dt>Agent</dt>
        <dd>
          {execution.agent.name} / {execution.agentVersion.name}
        </dd>
        <dt>Created</dt>
        <dd>{when(execution.createdAt)}</dd>
        <dt>Ended</dt>
        <dd>{when(execution.endedAt)}</dd>
        <dt>Correlation</dt>
        <dd>
          <Link href={`/audit?correlation=${encodeURIComponent(execution.correlationId)}`}>
            {execution.correlationId}
          </Link>
        </dd>
        {execution.error ? (
          <>
            <dt>Error</dt>
            <dd>{execution.error}</dd>
          </>
        ) : null}
      </dl>
      {FINISHED.includes(execution.status) ? null : (
        <p>
          <button type="button" className="danger" onClick={() => cancel({ id: execution.id })}>
            Cancel execution
          </button>
        </p>
      )}
      <ErrorNote error={cancelled.error} />
      {execution.toolCalls
        .filter((call) => call.status === 'PENDING_APPROVAL')
        .map((call) => (
          <div key={call.toolCallId} className="card">
            <h2>
              Approval: {call.name} <small>until {when(call.expiresAt)}</small>
            </h2>
            <pre>{json(call.arguments)}</pre>
            <Decision executionId={execution.id} call={call} />
          </div>
        ))}
      <h2>Journal</h2>
      <ErrorNote error={journal.error} />
      <Journal entries={entries} />
      <details>
        <summary>Input</summary>
        <pre>{json(execution.input)}</pre>
      </details>
    </section>
  );
}
