import { useEffect, useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { Link } from 'wouter';
import { ErrorNote } from '../ErrorNote.tsx';
import { graphql } from '../gql/index.ts';
import type { TriggerInvocationStatus } from '../gql/graphql.ts';
import { when } from '../format.ts';

const ConsoleInvocations = graphql(`
  query ConsoleInvocations(
    $agentId: ID!
    $id: String!
    $status: TriggerInvocationStatus
    $from: DateTime
    $to: DateTime
  ) {
    trigger(agentId: $agentId, id: $id) {
      invocations(first: 50, status: $status, from: $from, to: $to) {
        totalCount
        edges {
          node {
            id
            status
            createdAt
            deliveryId
            errorMessage
            message
            execution {
              id
              status
            }
          }
        }
      }
    }
  }
`);

const ConsoleInvocationUpdated = graphql(`
  subscription ConsoleInvocationUpdated($agentId: ID!, $triggerId: String!) {
    triggerInvocationUpdated(agentId: $agentId, triggerId: $triggerId) {
      id
      status
    }
  }
`);

const ConsoleRerun = graphql(`
  mutation ConsoleRerun($invocationId: ID!) {
    rerunInvocation(invocationId: $invocationId) {
      id
    }
  }
`);

const isoOrNull = (local: string) => (local ? new Date(local).toISOString() : null);

/** A trigger's invocations, filtered by status and date, read again as they change. */
export function Invocations({ agentId, triggerId }: { agentId: string; triggerId: string }) {
  const [status, setStatus] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [{ data, error }, refetch] = useQuery({
    query: ConsoleInvocations,
    variables: {
      agentId,
      id: triggerId,
      status: (status || null) as TriggerInvocationStatus | null,
      from: isoOrNull(from),
      to: isoOrNull(to),
    },
  });
  const [live] = useSubscription(
    { query: ConsoleInvocationUpdated, variables: { agentId, triggerId } },
    (count: number = 0) => count + 1,
  );
  useEffect(() => {
    if (live.data) refetch({ requestPolicy: 'network-only' });
  }, [live.data, refetch]);
  const [rerun, runAgain] = useMutation(ConsoleRerun);
  const invocations = data?.trigger?.invocations;
  return (
    <section aria-labelledby="invocations-title">
      <h2 id="invocations-title">Invocations ({invocations?.totalCount ?? '…'})</h2>
      <div className="filters">
        <label>
          Invocation status
          <select value={status} onChange={(event) => setStatus(event.target.value)}>
            <option value="">any</option>
            <option>PENDING</option>
            <option>SUCCESS</option>
            <option>FAILED</option>
          </select>
        </label>
        <label>
          From
          <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To
          <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      <ErrorNote error={error ?? live.error ?? rerun.error} />
      <table className="list" aria-label="Invocations">
        <thead>
          <tr>
            <th>At</th>
            <th>Status</th>
            <th>Message or error</th>
            <th>Execution</th>
            <th>Rerun</th>
          </tr>
        </thead>
        <tbody>
          {invocations?.edges.map(({ node }) => (
            <tr key={node.id} data-invocation={node.id}>
              <td>{when(node.createdAt)}</td>
              <td>
                <span className={`status ${node.status.toLowerCase()}`}>{node.status}</span>
              </td>
              <td>{node.errorMessage ?? node.message ?? ''}</td>
              <td>
                {node.execution ? (
                  <Link href={`/executions/${node.execution.id}`}>{node.execution.status}</Link>
                ) : (
                  '—'
                )}
              </td>
              <td>
                <button
                  type="button"
                  className="secondary"
                  disabled={rerun.fetching}
                  aria-label={`Rerun invocation ${node.id}`}
                  onClick={() => runAgain({ invocationId: node.id })}
                >
                  Rerun
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
