import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Link, useSearchParams } from 'wouter';
import { ErrorNote } from '../ErrorNote.tsx';
import { graphql } from '../gql/index.ts';
import type { ConsoleEndpointsQuery } from '../gql/graphql.ts';
import { percent, when } from '../format.ts';
import { Deliveries } from './Deliveries.tsx';

const ConsoleEndpoints = graphql(`
  query ConsoleEndpoints {
    webhookEndpoints {
      id
      url
      description
      enabled
      disabledReason
      failingSince
      eventTypes
    }
  }
`);

const ConsoleEndpointHealth = graphql(`
  query ConsoleEndpointHealth($endpointId: ID!) {
    webhookDeliveries(first: 100, filter: { endpointId: $endpointId }) {
      totalCount
      edges {
        node {
          status
          attempts {
            createdAt
            responseStatus
            error
          }
        }
      }
    }
  }
`);

const ConsoleRecover = graphql(`
  mutation ConsoleRecover($endpointId: ID!, $since: DateTime!) {
    recoverEndpoint(endpointId: $endpointId, since: $since)
  }
`);

type Endpoint = ConsoleEndpointsQuery['webhookEndpoints'][number];

/** Success rate over the endpoint's last 100 finished deliveries, and its latest failed attempt. */
function Health({ endpointId }: { endpointId: string }) {
  const [{ data, error }] = useQuery({ query: ConsoleEndpointHealth, variables: { endpointId } });
  if (error) return <ErrorNote error={error} />;
  const deliveries = data?.webhookDeliveries.edges.map((edge) => edge.node) ?? [];
  const finished = deliveries.filter((delivery) => delivery.status !== 'PENDING');
  const succeeded = finished.filter((delivery) => delivery.status === 'SUCCEEDED').length;
  const lastFailure = deliveries
    .flatMap((delivery) => delivery.attempts)
    .filter((attempt) => attempt.error || (attempt.responseStatus ?? 0) >= 300)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  return (
    <dl className="facts">
      <dt>Success rate</dt>
      <dd data-testid="success-rate">
        {finished.length ? `${percent(succeeded / finished.length)} of ${finished.length}` : '—'}
      </dd>
      <dt>Last failure</dt>
      <dd>
        {lastFailure
          ? `${when(lastFailure.createdAt)}: ${lastFailure.responseStatus ?? ''} ${lastFailure.error ?? ''}`
          : 'none'}
      </dd>
    </dl>
  );
}

/** Sends again every event since a time, for an endpoint that was down or disabled. */
function Recover({ endpoint }: { endpoint: Endpoint }) {
  const [since, setSince] = useState('');
  const [result, recover] = useMutation(ConsoleRecover);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void recover({ endpointId: endpoint.id, since: new Date(since).toISOString() });
  };
  return (
    <form className="filters" onSubmit={submit}>
      <label>
        Recover since
        <input
          type="datetime-local"
          required
          value={since}
          onChange={(event) => setSince(event.target.value)}
        />
      </label>
      <button type="submit" className="secondary" disabled={result.fetching}>
        Recover
      </button>
      {result.data ? <span role="status">{result.data.recoverEndpoint} queued</span> : null}
      <ErrorNote error={result.error} />
    </form>
  );
}

export function Webhooks() {
  const [{ data, error }] = useQuery({ query: ConsoleEndpoints });
  const [params, setParams] = useSearchParams();
  const selected = params.get('endpoint');
  return (
    <section aria-labelledby="webhooks-title">
      <h1 id="webhooks-title">Webhook endpoints</h1>
      <p>
        <Link href="/webhooks/event-types">Event catalogue</Link>
      </p>
      <ErrorNote error={error} />
      {data?.webhookEndpoints.length === 0 ? <p>No endpoints yet.</p> : null}
      <div className="cards">
        {data?.webhookEndpoints.map((endpoint) => (
          <article key={endpoint.id} className="card" aria-label={`Endpoint ${endpoint.url}`}>
            <h2 className="copy">
              <code>{endpoint.url}</code>
            </h2>
            <p>
              <span className={`status ${endpoint.enabled ? 'success' : 'failure'}`}>
                {endpoint.enabled ? 'enabled' : 'disabled'}
              </span>{' '}
              {endpoint.disabledReason ?? ''}
              {endpoint.failingSince ? ` failing since ${when(endpoint.failingSince)}` : ''}
            </p>
            <p className="hint">{endpoint.eventTypes.join(', ')}</p>
            <Health endpointId={endpoint.id} />
            <Recover endpoint={endpoint} />
            <button
              type="button"
              aria-pressed={selected === endpoint.id}
              onClick={() => setParams({ endpoint: endpoint.id })}
            >
              Deliveries
            </button>
          </article>
        ))}
      </div>
      {selected ? <Deliveries endpointId={selected} /> : null}
    </section>
  );
}
