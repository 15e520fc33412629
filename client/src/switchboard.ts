import type { TypedDocumentString } from './gql/graphql.ts';

/** A GraphQL error as Switchboard reports it: `extensions.code` says what went wrong. */
export class SwitchboardError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * Runs one typed operation over HTTP: the answer and the variables are typed from the document,
 * so a renamed field or a missing variable fails to compile.
 */
export async function request<Result, Variables>(
  endpoint: string,
  key: string,
  document: TypedDocumentString<Result, Variables>,
  ...[variables]: Variables extends Record<string, never> ? [] : [Variables]
): Promise<Result> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  const body = (await response.json()) as {
    data?: Result | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  const [error] = body.errors ?? [];
  if (error || !body.data) {
    throw new SwitchboardError(
      error?.message ?? `HTTP ${response.status}`,
      error?.extensions?.code,
    );
  }
  return body.data;
}
