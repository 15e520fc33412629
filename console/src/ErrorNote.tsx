import type { CombinedError } from 'urql';

/** An API error where it happened, with each GraphQL error's `extensions.code`. */
export function ErrorNote({ error }: { error?: CombinedError | null }) {
  if (!error) return null;
  const lines = error.graphQLErrors.length
    ? error.graphQLErrors.map((e) => ({
        code: String(e.extensions?.code ?? 'ERROR'),
        text: e.message,
      }))
    : [{ code: 'NETWORK_ERROR', text: error.networkError?.message ?? error.message }];
  return (
    <div role="alert" className="error">
      {lines.map((line, index) => (
        <p key={index}>
          <code>{line.code}</code> {line.text}
        </p>
      ))}
    </div>
  );
}
