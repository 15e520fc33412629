import { useEffect, useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { ErrorNote } from '../ErrorNote.tsx';
import { graphql } from '../gql/index.ts';
import type { ConsoleDeliveriesQuery, WebhookDeliveryStatus } from '../gql/graphql.ts';
import { json, when } from '../format.ts';

const ConsoleDeliveries = graphql(`
  query ConsoleDeliveries($filter: WebhookDeliveryFilter) {
    webhookDeliveries(first: 50, filter: $filter) {
      edges {
        node {
          id
          messageId
          eventType
          status
          createdAt
          nextAttemptAt
          attempts {
            number
            trigger
            createdAt
            durationMs
            responseStatus
            responseBody
            error
            requestHeaders
            requestBody
          }
        }
      }
    }
  }
`);

const ConsoleDeliveryUpdated = graphql(`
  subscription ConsoleDeliveryUpdated($endpointId: ID!) {
    webhookDeliveryUpdated(endpointId: $endpointId) {
      id
      status
      attemptCount
    }
  }
`);

const ConsoleRedeliver = graphql(`
  mutation ConsoleRedeliver($deliveryId: ID!) {
    redeliver(deliveryId: $deliveryId) {
      id
      status
    }
  }
`);

type Delivery = ConsoleDeliveriesQuery['webhookDeliveries']['edges'][number]['node'];

/** The first characters of a receiver's answer: enough to see what went wrong. */
const excerpt = (body: string | null | undefined) =>
  body ? (body.length > 500 ? `${body.slice(0, 500)}…` : body) : '';

function DeliveryRow({ delivery }: { delivery: Delivery }) {
  const [result, redeliver] = useMutation(ConsoleRedeliver);
  return (
    <li className="card" data-delivery={delivery.id}>
      <div className="filters">
        <strong>{delivery.eventType}</strong>
        <span className={`status ${delivery.status.toLowerCase()}`}>{delivery.status}</span>
        <span className="hint">
          {delivery.messageId} · {when(delivery.createdAt)}
          {delivery.nextAttemptAt ? ` · next attempt ${when(delivery.nextAttemptAt)}` : ''}
        </span>
        <button
          type="button"
          className="secondary"
          disabled={result.fetching}
          onClick={() => redeliver({ deliveryId: delivery.id })}
        >
          Redeliver
        </button>
      </div>
      <ErrorNote error={result.error} />
      <table className="list" aria-label={`Attempts of ${delivery.messageId}`}>
        <thead>
          <tr>
            <th>#</th>
            <th>Trigger</th>
            <th>Status</th>
            <th className="number">Duration</th>
            <th>At</th>
            <th>Request and response</th>
          </tr>
        </thead>
        <tbody>
          {delivery.attempts.map((attempt) => (
            <tr key={attempt.number}>
              <td>{attempt.number}</td>
              <td>{attempt.trigger}</td>
              <td>{attempt.responseStatus ?? attempt.error ?? '—'}</td>
              <td className="number">{attempt.durationMs} ms</td>
              <td>{when(attempt.createdAt)}</td>
              <td>
                <details>
                  <summary>Request</summary>
                  <pre>{json(attempt.requestHeaders)}</pre>
                  <pre>{attempt.requestBody}</pre>
                </details>
                {attempt.responseBody ? <pre>{excerpt(attempt.responseBody)}</pre> : null}
                {attempt.error ? <p>{attempt.error}</p> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </li>
  );
}

/** One endpoint's deliveries, each with every attempt, read again as the worker reports. */
export function Deliveries({ endpointId }: { endpointId: string }) {
  const [status, setStatus] = useState('');
  const [eventType, setEventType] = useState('');
  const filter = {
    endpointId,
    ...(status ? { status: status as WebhookDeliveryStatus } : {}),
    ...(eventType ? { eventType } : {}),
  };
  const [{ data, error }, refetch] = useQuery({ query: ConsoleDeliveries, variables: { filter } });
  const [live] = useSubscription(
    { query: ConsoleDeliveryUpdated, variables: { endpointId } },
    (count: number = 0) => count + 1,
  );
  useEffect(() => {
    if (live.data) refetch({ requestPolicy: 'network-only' });
  }, [live.data, refetch]);
  return (
    <section aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">Deliveries</h2>
      <div className="filters">
        <label>
          Delivery status
          <select value={status} onChange={(event) => setStatus(event.target.value)}>
            <option value="">any</option>
            <option>PENDING</option>
            <option>SUCCEEDED</option>
            <option>FAILED</option>
          </select>
        </label>
        <label>
          Event type
          <input value={eventType} onChange={(event) => setEventType(event.target.value)} />
        </label>
      </div>
      <ErrorNote error={error ?? live.error} />
      <ul className="plain" aria-label="Deliveries">
        {data?.webhookDeliveries.edges.map(({ node }) => (
          <DeliveryRow key={node.id} delivery={node} />
        ))}
      </ul>
      {data?.webhookDeliveries.edges.length === 0 ? <p>No deliveries match.</p> : null}
    </section>
  );
}
