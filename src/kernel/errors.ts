/**
 * Domain errors thrown by services. The GraphQL layer maps `code` to `extensions.code`,
 * the REST layer to each reference page's error body; anything else is an internal error.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
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
  METHOD_NOT_ALLOWED: 405,
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
  /** The kind of mistake as pydantic names it (`int_parsing`, `missing`...), for FastAPI-style bodies. */
  type?: string;
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
      /** The methods the path does have, for a 405's `Allow` header. */
      allow?: string[];
    } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, type?: string) =>
  new AppError('NOT_FOUND', `${what} not found`, { type });
export const badInput = (message: string, issues?: FieldIssue[]) =>
  new AppError('BAD_USER_INPUT', message, { issues });

/** What a client is told to wait before retrying while the database (or Redis) is unreachable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** PostgreSQL's refusals of NUL and unpaired surrogates: in text (22021), in jsonb (22P05, and 22P02 from PGlite). */
const UNSTORABLE_TEXT: [string, RegExp][] = [
  ['22021', /./],
  ['22P05', /./],
  ['22P02', /json/i],
];

/**
 * The client-facing form of any error: AppErrors as they are, a unique-constraint race as a
 * conflict, text the database refuses as bad input (for inputs no transport check saw, such as
 * webhook payloads), a lost database or Redis connection as 503; everything else stays unknown
 * (an internal error, masked).
 */
export function asAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  const cause = (error as { originalError?: unknown })?.originalError;
  if (cause && cause !== error) return asAppError(cause);
  if ((error as { code?: string })?.code === 'P2002')
    return new AppError('CONFLICT', 'The resource already exists');
  const database = (
    error as {
      meta?: {
        driverAdapterError?: { cause?: { originalCode?: string; originalMessage?: string } };
      };
    }
  )?.meta?.driverAdapterError?.cause;
  if (
    database &&
    UNSTORABLE_TEXT.some(
      ([code, message]) =>
        database.originalCode === code && message.test(database.originalMessage ?? ''),
    )
  ) {
    return new AppError(
      'BAD_USER_INPUT',
      'The input holds characters the database cannot store (NUL, or an unpaired UTF-16 surrogate)',
    );
  }
  if (connectionFailure(error)) {
    return new AppError(
      'SERVICE_UNAVAILABLE',
      'The database or Redis is unreachable; retry shortly',
      { retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS },
    );
  }
  return null;
}

/**
 * The SQLSTATE of a failed statement: from Prisma's codes for a unique or foreign-key violation,
 * from a raw query's driver error (Prisma reports those as P2010), or from the driver adapter's
 * own error (a statement sent past Prisma, `Database.query`).
 */
function sqlStateOf(error: unknown): string | undefined {
  const e = error as {
    code?: string;
    cause?: { originalCode?: string };
    meta?: { driverAdapterError?: { cause?: { originalCode?: string } } };
  };
  if (e?.code === 'P2002') return '23505';
  if (e?.code === 'P2003') return '23503';
  return e?.meta?.driverAdapterError?.cause?.originalCode ?? e?.cause?.originalCode;
}

export const isUniqueViolation = (error: unknown) => sqlStateOf(error) === '23505';
export const isForeignKeyViolation = (error: unknown) => sqlStateOf(error) === '23503';

// Prisma: can't reach / timed out / connection closed / no pooled connection in time.
const prismaConnectionCodes = new Set(['P1001', 'P1002', 'P1017', 'P2024']);
// The driver adapters' kinds for the same (`@prisma/adapter-pg` maps socket errors to them).
const adapterConnectionKinds = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
// SQLSTATE: 08xxx connection exceptions, 57P01-57P03 shutdown / crash / cannot connect now, 53300 too many connections.
const connectionSqlState = /^(08...|57P0[123]|53300)$/;
const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);

/**
 * A short reason when `error` (or what it wraps) says PostgreSQL or Redis cannot be reached or
 * dropped the connection, else null. The one place that knows the drivers' shapes of it.
 */
export function connectionFailure(error: unknown, depth = 0): string | null {
  if (!error || typeof error !== 'object' || depth > 5) return null;
  const e = error as {
    code?: unknown;
    kind?: unknown;
    name?: unknown;
    message?: unknown;
    cause?: unknown;
    meta?: { driverAdapterError?: unknown };
  };
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (
    code &&
    (prismaConnectionCodes.has(code) || connectionSqlState.test(code) || socketCodes.has(code))
  )
    return code;
  if (typeof e.kind === 'string' && adapterConnectionKinds.has(e.kind)) return e.kind;
  // node-postgres, when the socket closes without a PostgreSQL error, or closed before this statement
  // of a transaction.
  if (
    typeof e.message === 'string' &&
    /^(Connection terminated|Client has encountered a connection error)/.test(e.message)
  )
    return 'connection terminated';
  // ioredis: a command that gave up, found no connection (without an offline queue) or outlived it.
  if (
    e.name === 'MaxRetriesPerRequestError' ||
    (typeof e.message === 'string' &&
      /^(Stream isn't writeable|Connection is closed)/.test(e.message))
  )
    return 'Redis unreachable';
  // Only the adapters' wrappers are unwrapped: an outbound request's `fetch failed` has an
  // ECONNREFUSED cause too, and it says nothing about Switchboard's own services.
  const inner = e.name === 'DriverAdapterError' ? e.cause : e.meta?.driverAdapterError;
  return inner ? connectionFailure(inner, depth + 1) : null;
}
