import { useQuery } from 'urql';
import { Link } from 'wouter';
import { ErrorNote } from '../ErrorNote.tsx';
import { graphql } from '../gql/index.ts';
import type { LlmEventRowFragment } from '../gql/graphql.ts';
import { json, ms, usd, when } from '../format.ts';

graphql(`
  fragment LlmEventRow on LlmEvent {
    id
    createdAt
    model
    inputTokens
    outputTokens
    costUsd
    latencyMs
    error
    agent {
      name
    }
    session {
      sessionId
    }
  }
`);

const ConsolePerson = graphql(`
  query ConsolePerson($id: String!) {
    person(id: $id) {
      personId
      properties
      createdAt
      sessions(first: 50) {
        edges {
          node {
            sessionId
            createdAt
          }
        }
      }
      llmEvents(first: 50) {
        totalCount
        edges {
          node {
            ...LlmEventRow
          }
        }
      }
    }
  }
`);

const ConsoleSession = graphql(`
  query ConsoleSession($id: String!) {
    session(id: $id) {
      sessionId
      createdAt
      person {
        personId
      }
      events(first: 100) {
        totalCount
        edges {
          node {
            ...LlmEventRow
          }
        }
      }
    }
  }
`);

function LlmEvents({ events, label }: { events: LlmEventRowFragment[]; label: string }) {
  return (
    <table className="list" aria-label={label}>
      <thead>
        <tr>
          <th>At</th>
          <th>Agent</th>
          <th>Model</th>
          <th>Session</th>
          <th className="number">Tokens</th>
          <th className="number">Cost</th>
          <th className="number">Latency</th>
          <th>Error</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.id}>
            <td>{when(event.createdAt)}</td>
            <td>{event.agent.name}</td>
            <td>{event.model ?? '—'}</td>
            <td>
              {event.session ? (
                <Link href={`/telemetry/sessions/${encodeURIComponent(event.session.sessionId)}`}>
                  {event.session.sessionId}
                </Link>
              ) : (
                '—'
              )}
            </td>
            <td className="number">{(event.inputTokens ?? 0) + (event.outputTokens ?? 0)}</td>
            <td className="number">{usd(event.costUsd)}</td>
            <td className="number">{ms(event.latencyMs)}</td>
            <td>{event.error ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PersonPage({ params }: { params: { id: string } }) {
  const id = decodeURIComponent(params.id);
  const [{ data, error }] = useQuery({ query: ConsolePerson, variables: { id } });
  const person = data?.person;
  return (
    <section aria-labelledby="person-title">
      <p>
        <Link href="/telemetry">← Telemetry</Link>
      </p>
      <h1 id="person-title">Person {id}</h1>
      <ErrorNote error={error} />
      {data && !person ? <p role="alert">No person {id}.</p> : null}
      {person ? (
        <>
          <p className="hint">First seen {when(person.createdAt)}</p>
          <pre>{json(person.properties)}</pre>
          <h2>Sessions</h2>
          <ul>
            {person.sessions.edges.map(({ node }) => (
              <li key={node.sessionId}>
                <Link href={`/telemetry/sessions/${encodeURIComponent(node.sessionId)}`}>
                  {node.sessionId}
                </Link>{' '}
                <span className="hint">{when(node.createdAt)}</span>
              </li>
            ))}
          </ul>
          <h2>Calls ({person.llmEvents.totalCount})</h2>
          <LlmEvents label="Calls" events={person.llmEvents.edges.map((edge) => edge.node)} />
        </>
      ) : null}
    </section>
  );
}

export function SessionPage({ params }: { params: { id: string } }) {
  const id = decodeURIComponent(params.id);
  const [{ data, error }] = useQuery({ query: ConsoleSession, variables: { id } });
  const session = data?.session;
  return (
    <section aria-labelledby="session-title">
      <p>
        <Link href="/telemetry">← Telemetry</Link>
      </p>
      <h1 id="session-title">Session {id}</h1>
      <ErrorNote error={error} />
      {data && !session ? <p role="alert">No session {id}.</p> : null}
      {session ? (
        <>
          <p className="hint">
            Started {when(session.createdAt)}
            {session.person ? (
              <>
                {' '}
                by{' '}
                <Link href={`/telemetry/persons/${encodeURIComponent(session.person.personId)}`}>
                  {session.person.personId}
                </Link>
              </>
            ) : null}
          </p>
          <h2>Events ({session.events.totalCount})</h2>
          <LlmEvents label="Events" events={session.events.edges.map((edge) => edge.node)} />
        </>
      ) : null}
    </section>
  );
}
