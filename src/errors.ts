/**
 * Domain errors thrown by services. The GraphQL layer maps `code` to `extensions.code`,
 * the REST layer to each reference page's error body; anything else is an internal error.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNPROCESSABLE'
  | 'PAYLOAD_TOO_LARGE'
  | 'QUERY_TOO_COMPLEX'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE';

export const httpStatusOf: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNPROCESSABLE: 422,
  PAYLOAD_TOO_LARGE: 413,
  QUERY_TOO_COMPLEX: 400,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
};

export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: {
      issues?: FieldIssue[];
      retryAfterSeconds?: number;
      /** A machine-readable kind, e.g. `person-not-found`: reference 004's error bodies carry it. */
      type?: string;
    } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, type?: string) => new AppError('NOT_FOUND', `${what} not found`, { type });
export const badInput = (message: string, issues?: FieldIssue[]) =>
  new AppError('BAD_USER_INPUT', message, { issues });

/** PostgreSQL's refusals of NUL and unpaired surrogates: in text (22021), in jsonb (22P05, and 22P02 from PGlite). */
const UNSTORABLE_TEXT: [string, RegExp][] = [
  ['22021', /./],
  ['22P05', /./],
  ['22P02', /json/i],
];

/**
 * The client-facing form of any error: AppErrors as they are, a unique-constraint race as a
 * conflict, text the database refuses as bad input (for inputs no transport check saw, such as
 * webhook payloads); everything else stays unknown (an internal error, masked).
 */
export function asAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  const cause = (error as { originalError?: unknown })?.originalError;
  if (cause && cause !== error) return asAppError(cause);
  if ((error as { code?: string })?.code === 'P2002') return new AppError('CONFLICT', 'The resource already exists');
  const database = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string; originalMessage?: string } } } })?.meta?.driverAdapterError?.cause;
  if (database && UNSTORABLE_TEXT.some(([code, message]) => database.originalCode === code && message.test(database.originalMessage ?? ''))) {
    return new AppError('BAD_USER_INPUT', 'The input holds characters the database cannot store (NUL, or an unpaired UTF-16 surrogate)');
  }
  return null;
}
