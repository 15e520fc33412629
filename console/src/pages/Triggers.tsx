import { useQuery } from 'urql';
import { Link } from 'wouter';
import { ErrorNote } from '../ErrorNote.tsx';
import { graphql } from '../gql/index.ts';
import { when } from '../format.ts';

const ConsoleAgentTriggers = graphql(`
  query ConsoleAgentTriggers {
    agents {
      id
      name
    }
  }
`);

const ConsoleTriggers = graphql(`
  query ConsoleTriggers($agentId: ID!) {
    triggers(agentId: $agentId, first: 100) {
      edges {
        node {
          id
          name
          description
          enabled
          updatedAt
        }
      }
    }
  }
`);

function AgentTriggers({ agent }: { agent: { id: string; name: string } }) {
  const [{ data, error }] = useQuery({ query: ConsoleTriggers, variables: { agentId: agent.id } });
  const triggers = data?.triggers.edges.map((edge) => edge.node) ?? [];
  if (!error && !triggers.length) return null;
  return (
    <section className="card">
      <h2>{agent.name}</h2>
      <ErrorNote error={error} />
      <table className="list" aria-label={`Triggers of ${agent.name}`}>
        <thead>
          <tr>
            <th>Trigger</th>
            <th>State</th>
            <th>Description</th>
            <th>Updated</th>
          </tr>
        </thead>
        <tbody>
          {triggers.map((trigger) => (
            <tr key={trigger.id}>
              <td>
                <Link href={`/triggers/${agent.id}/${encodeURIComponent(trigger.id)}`}>
                  {trigger.name}
                </Link>
              </td>
              <td>
                <span className={`status ${trigger.enabled ? 'success' : 'failure'}`}>
                  {trigger.enabled ? 'enabled' : 'disabled'}
                </span>
              </td>
              <td>{trigger.description ?? ''}</td>
              <td>{when(trigger.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Every agent's triggers (a trigger belongs to one agent). */
export function Triggers() {
  const [{ data, error }] = useQuery({ query: ConsoleAgentTriggers });
  return (
    <section aria-labelledby="triggers-title">
      <h1 id="triggers-title">Triggers</h1>
      <ErrorNote error={error} />
      {data?.agents.length === 0 ? <p>No agents yet.</p> : null}
      {data?.agents.map((agent) => (
        <AgentTriggers key={agent.id} agent={agent} />
      ))}
    </section>
  );
}
