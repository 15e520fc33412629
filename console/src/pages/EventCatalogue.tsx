import { useQuery } from 'urql';
import { Link } from 'wouter';
import { ErrorNote } from '../ErrorNote.tsx';
import { graphql } from '../gql/index.ts';
import { json } from '../format.ts';

const ConsoleEventTypes = graphql(`
  query ConsoleEventTypes {
    webhookEventTypes {
      name
      description
      aliases
      resourceType
      schema
      example
    }
  }
`);

/** Every event an endpoint can subscribe to, with its payload's JSON Schema and an example. */
export function EventCatalogue() {
  const [{ data, error }] = useQuery({ query: ConsoleEventTypes });
  return (
    <section aria-labelledby="catalogue-title">
      <p>
        <Link href="/webhooks">← Webhook endpoints</Link>
      </p>
      <h1 id="catalogue-title">Event catalogue</h1>
      <ErrorNote error={error} />
      {data?.webhookEventTypes.map((type) => (
        <article key={type.name} className="card" aria-label={type.name}>
          <h2>
            <code>{type.name}</code> <small className="hint">{type.resourceType}</small>
          </h2>
          <p>{type.description}</p>
          {type.aliases.length ? <p className="hint">Also: {type.aliases.join(', ')}</p> : null}
          <details>
            <summary>Schema</summary>
            <pre>{json(type.schema)}</pre>
          </details>
          <details>
            <summary>Example</summary>
            <pre>{json(type.example)}</pre>
          </details>
        </article>
      ))}
    </section>
  );
}
