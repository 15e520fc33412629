import { useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { Link } from 'wouter';
import { ErrorNote } from '../ErrorNote.tsx';
import { graphql } from '../gql/index.ts';
import type {
  ConsoleExecutionUpdatedSubscription,
  ExecutionFilter,
  ExecutionStatus,
} from '../gql/graphql.ts';
import { when } from '../format.ts';

const ConsoleAgents = graphql(`
  query ConsoleAgents {
    agents {
      id
      name
    }
  }
`);

graphql(`
  fragment ExecutionRow on Execution {
    id
    status
    createdAt
    updatedAt
    error
    agent {
      name
    }
    agentVersion {
      name
    }
  }
`);

const ConsoleExecutions = graphql(`
  query ConsoleExecutions($filter: ExecutionFilter) {
    executions(first: 50, filter: $filter) {
      edges {
        node {
          ...ExecutionRow
        }
      }
    }
  }
`);

const ConsoleExecutionUpdated = graphql(`
  subscription ConsoleExecutionUpdated($filter: ExecutionFilter) {
    executionUpdated(filter: $filter) {
      ...ExecutionRow
    }
  }
`);

type Row = ConsoleExecutionUpdatedSubscription['executionUpdated'];
const STATUSES: ExecutionStatus[] = [
  'QUEUED',
  'RUNNING',
  'SUSPENDED',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
];

/** The query's rows, with each live update replacing its row or arriving on top. */
function useExecutionRows(filter: ExecutionFilter) {
  const [{ data, error, fetching }] = useQuery({ query: ConsoleExecutions, variables: { filter } });
  const [live] = useSubscription(
    { query: ConsoleExecutionUpdated, variables: { filter } },
    (updates: Record<string, Row> = {}, update) => ({
      ...updates,
      [update.executionUpdated.id]: update.executionUpdated,
    }),
  );
  const rows: Row[] = (data?.executions.edges ?? []).map((edge) => edge.node);
  const updates = live.data ?? {};
  const known = new Set(rows.map((row) => row.id));
  const fresh = Object.values(updates)
    .filter((row) => !known.has(row.id))
    .reverse();
  const merged = rows.map((row) => updates[row.id] ?? row);
  return [data ? [...fresh, ...merged] : undefined, error ?? live.error, fetching] as const;
}

export function Executions() {
  const [status, setStatus] = useState('');
  const [agentId, setAgentId] = useState('');
  const [agents] = useQuery({ query: ConsoleAgents });
  const filter: ExecutionFilter = {
    ...(status ? { status: status as ExecutionStatus } : {}),
    ...(agentId ? { agentId } : {}),
  };
  const [rows, error, fetching] = useExecutionRows(filter);
  return (
    <section aria-labelledby="executions-title">
      <h1 id="executions-title">Executions</h1>
      <div className="filters">
        <label>
          Status
          <select value={status} onChange={(event) => setStatus(event.target.value)}>
            <option value="">any</option>
            {STATUSES.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </label>
        <label>
          Agent
          <select value={agentId} onChange={(event) => setAgentId(event.target.value)}>
            <option value="">any</option>
            {agents.data?.agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorNote error={error ?? agents.error} />
      {fetching && !rows ? <p>Loading…</p> : null}
      <table className="list" aria-label="Executions">
        <thead>
          <tr>
            <th>Execution</th>
            <th>Agent</th>
            <th>Status</th>
            <th>Created</th>
            <th>Updated</th>
          </tr>
        </thead>
        <tbody>
          {rows?.map((row) => (
            <tr key={row.id} data-execution={row.id}>
              <td>
                <Link href={`/executions/${row.id}`}>{row.id}</Link>
              </td>
              <td>
                {row.agent.name} / {row.agentVersion.name}
              </td>
              <td>
                <span className={`status ${row.status.toLowerCase()}`}>{row.status}</span>
              </td>
              <td>{when(row.createdAt)}</td>
              <td>{when(row.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows?.length === 0 ? <p>No executions match.</p> : null}
    </section>
  );
}
