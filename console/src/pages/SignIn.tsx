import { useState, type FormEvent } from 'react';
import { CombinedError, useQuery } from 'urql';
import { ErrorNote } from '../ErrorNote.tsx';
import { graphql } from '../gql/index.ts';

const ConsoleViewer = graphql(`
  query ConsoleViewer {
    viewer {
      kind
      tenantId
      projectId
    }
  }
`);

/** Checks the key with `viewer` before keeping it for the session. */
export function SignIn({ onSignIn }: { onSignIn: (key: string) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<CombinedError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key.trim()}` },
      body: JSON.stringify({ query: 'query ConsoleSignIn { viewer { kind } }' }),
    }).catch((networkError: Error) => ({ networkError }));
    setBusy(false);
    if ('networkError' in response) return setError(new CombinedError(response));
    const body = (await response.json()) as {
      errors?: ConstructorParameters<typeof CombinedError>[0]['graphQLErrors'];
    };
    if (body.errors?.length) return setError(new CombinedError({ graphQLErrors: body.errors }));
    onSignIn(key.trim());
  };
  return (
    <main className="sign-in">
      <h1>Switchboard console</h1>
      <form onSubmit={submit}>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autoComplete="off"
          required
          placeholder="sb_…"
          value={key}
          onChange={(event) => setKey(event.target.value)}
        />
        <button type="submit" disabled={busy}>
          Sign in
        </button>
        <p className="hint">The key is kept for this browser tab's session only.</p>
        <ErrorNote error={error} />
      </form>
    </main>
  );
}

/** Who the key is: admin, or a key of a tenant, limited to one project or not. */
export function ViewerBadge() {
  const [{ data, error }] = useQuery({ query: ConsoleViewer });
  if (error) return <ErrorNote error={error} />;
  const viewer = data?.viewer;
  if (!viewer) return null;
  return (
    <span className="viewer" aria-label="Signed in as">
      {viewer.kind === 'ADMIN' ? 'admin' : `tenant ${viewer.tenantId}`}
      {viewer.projectId
        ? ` · project ${viewer.projectId}`
        : viewer.kind === 'ADMIN'
          ? ''
          : ' · all projects'}
    </span>
  );
}
