import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Link, useSearchParams } from 'wouter';
import { ErrorNote } from '../ErrorNote.tsx';
import { graphql } from '../gql/index.ts';
import type { AuditEventFilter, ResourceType } from '../gql/graphql.ts';
import { when } from '../format.ts';
import { CausalChain } from './CausalChain.tsx';

const ConsoleAuditEvents = graphql(`
  query ConsoleAuditEvents($filter: AuditEventFilter) {
    auditEvents(first: 100, filter: $filter) {
      totalCount
      edges {
        node {
          id
          occurredAt
          eventType
          outcome
          actorType
          actorId
          resourceType
          resourceId
          correlationId
        }
      }
    }
  }
`);

const RESOURCE_TYPES: ResourceType[] = [
  'AGENT',
  'AGENT_VERSION',
  'API_KEY',
  'APP_EVENT',
  'CREDENTIAL',
  'EXECUTION',
  'FINGERPRINT',
  'LLM_EVENT',
  'PERSON',
  'PROJECT',
  'SESSION',
  'TENANT',
  'TOOL_CALL',
  'TRIGGER',
  'TRIGGER_INVOCATION',
  'WEBHOOK_DELIVERY',
  'WEBHOOK_ENDPOINT',
];
const FIELDS = ['eventType', 'actorId', 'resourceType', 'resourceId', 'from', 'to'] as const;

/** The filter in the address bar, so a search can be linked to and reloaded. */
function filterOf(params: URLSearchParams): AuditEventFilter {
  const filter: AuditEventFilter = {};
  for (const field of FIELDS) {
    const value = params.get(field);
    if (!value) continue;
    if (field === 'from' || field === 'to') filter[field] = new Date(value).toISOString();
    else if (field === 'resourceType') filter.resourceType = value as ResourceType;
    else filter[field] = value;
  }
  return filter;
}

function Search() {
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState(() =>
    Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ''])),
  );
  const [{ data, error }] = useQuery({
    query: ConsoleAuditEvents,
    variables: { filter: filterOf(params) },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParams(Object.fromEntries(Object.entries(draft).filter(([, value]) => value)));
  };
  const input = (field: (typeof FIELDS)[number], label: string, type = 'text') => (
    <label>
      {label}
      <input
        type={type}
        value={draft[field]}
        onChange={(event) => setDraft({ ...draft, [field]: event.target.value })}
      />
    </label>
  );
  return (
    <>
      <form className="filters" onSubmit={submit} aria-label="Audit search">
        {input('eventType', 'Event type')}
        {input('actorId', 'Actor')}
        <label>
          Resource type
          <select
            value={draft.resourceType}
            onChange={(event) => setDraft({ ...draft, resourceType: event.target.value })}
          >
            <option value="">any</option>
            {RESOURCE_TYPES.map((type) => (
              <option key={type}>{type}</option>
            ))}
          </select>
        </label>
        {input('resourceId', 'Resource id')}
        {input('from', 'From', 'datetime-local')}
        {input('to', 'To', 'datetime-local')}
        <button type="submit">Search</button>
      </form>
      <ErrorNote error={error} />
      {data ? <p className="hint">{data.auditEvents.totalCount} events</p> : null}
      <table className="list" aria-label="Audit events">
        <thead>
          <tr>
            <th>At</th>
            <th>Event</th>
            <th>Outcome</th>
            <th>Actor</th>
            <th>Resource</th>
            <th>Chain</th>
          </tr>
        </thead>
        <tbody>
          {data?.auditEvents.edges.map(({ node }) => (
            <tr key={node.id}>
              <td>{when(node.occurredAt)}</td>
              <td>{node.eventType}</td>
              <td>
                <span className={`status ${node.outcome.toLowerCase()}`}>{node.outcome}</span>
              </td>
              <td>
                {node.actorType} {node.actorId}
              </td>
              <td>
                {node.resourceType} {node.resourceId}
              </td>
              <td>
                <Link href={`/audit?correlation=${encodeURIComponent(node.correlationId)}`}>
                  chain
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function Audit() {
  const [params] = useSearchParams();
  const correlation = params.get('correlation');
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit</h1>
      {correlation ? (
        <>
          <p>
            <Link href="/audit">← Search</Link>
          </p>
          <CausalChain correlationId={correlation} />
        </>
      ) : (
        <Search />
      )}
    </section>
  );
}
