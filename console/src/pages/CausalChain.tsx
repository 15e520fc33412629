import { useQuery } from 'urql';
import { ErrorNote } from '../ErrorNote.tsx';
import { graphql } from '../gql/index.ts';
import type { ConsoleChainQuery } from '../gql/graphql.ts';
import { when } from '../format.ts';

const ConsoleChain = graphql(`
  query ConsoleChain($correlationId: String!) {
    auditEventsByCorrelation(correlationId: $correlationId, first: 100) {
      totalCount
      edges {
        node {
          id
          occurredAt
          eventType
          outcome
          actorType
          resourceType
          resourceId
          cause {
            id
          }
        }
      }
    }
  }
`);

type AuditNode = ConsoleChainQuery['auditEventsByCorrelation']['edges'][number]['node'];

function Branch({ node, causes }: { node: AuditNode; causes: Map<string, AuditNode[]> }) {
  const caused = causes.get(node.id) ?? [];
  return (
    <li data-audit={node.id}>
      <strong>{node.eventType}</strong>{' '}
      <span className={`status ${node.outcome.toLowerCase()}`}>{node.outcome}</span>{' '}
      <span className="hint">
        {node.resourceType} {node.resourceId} · {node.actorType} · {when(node.occurredAt)}
      </span>
      {caused.length ? (
        <ul>
          {caused.map((child) => (
            <Branch key={child.id} node={child} causes={causes} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** Everything one request set off, each event under the event that caused it. */
export function CausalChain({ correlationId }: { correlationId: string }) {
  const [{ data, error }] = useQuery({ query: ConsoleChain, variables: { correlationId } });
  const nodes = data?.auditEventsByCorrelation.edges.map((edge) => edge.node) ?? [];
  const ids = new Set(nodes.map((node) => node.id));
  const causes = new Map<string, AuditNode[]>();
  const roots: AuditNode[] = [];
  for (const node of nodes) {
    // A cause outside this correlation (or none) makes the event a root here.
    if (node.cause && ids.has(node.cause.id))
      causes.set(node.cause.id, [...(causes.get(node.cause.id) ?? []), node]);
    else roots.push(node);
  }
  return (
    <>
      <h2>
        Chain <code>{correlationId}</code>
      </h2>
      <ErrorNote error={error} />
      {data ? <p className="hint">{data.auditEventsByCorrelation.totalCount} events</p> : null}
      <ul className="tree" aria-label="Chain of causes">
        {roots.map((root) => (
          <Branch key={root.id} node={root} causes={causes} />
        ))}
      </ul>
    </>
  );
}
