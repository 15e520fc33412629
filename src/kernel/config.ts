import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { modelPricesSchema } from '../modules/telemetry/prices.ts';
import { NETWORK_KINDS } from './net/outbound.ts';
import { compileTrustProxy } from './net/trust-proxy.ts';

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const portNumber = z.coerce
  .number({ error: 'must be a port number (0-65535)' })
  .int('must be a port number (0-65535)')
  .min(0, 'must be a port number (0-65535)')
  .max(65535, 'must be a port number (0-65535)');

const positiveInt = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .positive('must be positive')
    .default(fallback);

/** Every setting Switchboard reads from its environment, validated once at start. */
export const configSchema = z.object({
  PORT: portNumber.default(4000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  /** How long opening a PostgreSQL connection may take before it counts as unreachable (503, and a retry at start). */
  DATABASE_CONNECT_TIMEOUT_MS: positiveInt(5000),
  DATA_DIR: z.string().default('./.switchboard'),
  REDIS_URL: optionalString.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional(),
  ),
  /** Prefix of every Redis channel and key, so several deployments (or test runs) can share one Redis. */
  REDIS_PREFIX: z.string().default('switchboard:'),
  SWITCHBOARD_ADMIN_KEY: optionalString.pipe(
    z.string().min(24, 'must be at least 24 characters').optional(),
  ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Comma-separated browser origins allowed by CORS; `*` allows any origin (without cookies). */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  MAX_BODY_BYTES: positiveInt(8 * 1024 * 1024),
  GRAPHQL_MAX_DEPTH: positiveInt(12),
  GRAPHQL_MAX_COMPLEXITY: positiveInt(2000),
  GRAPHQL_MAX_BREADTH: positiveInt(200),
  GRAPHQL_MAX_BATCH: positiveInt(10),
  /** Field selections one GraphQL operation may make, aliases and each fragment spread's fields included. */
  GRAPHQL_MAX_FIELDS: positiveInt(1000),
  /** Lexical tokens a GraphQL document may hold: bounds the work of parsing it. */
  GRAPHQL_MAX_TOKENS: positiveInt(10_000),
  /** How deep JSON bodies, GraphQL variables and GraphQL documents (braces, brackets, parentheses) may nest. */
  MAX_INPUT_DEPTH: positiveInt(64),
  RATE_LIMIT_REQUESTS: positiveInt(1200),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt(60),
  /** Requests per client IP and window without a valid key (none, or a bad one). */
  RATE_LIMIT_ANONYMOUS_REQUESTS: positiveInt(300),
  /** Requests per client IP and window to `/webhooks/*`. */
  RATE_LIMIT_WEBHOOK_REQUESTS: positiveInt(1200),
  /** Open GraphQL WebSocket connections per key, counted per process. */
  WS_MAX_CONNECTIONS_PER_KEY: positiveInt(100),
  /** Open GraphQL WebSocket connections per client IP, counted per process. */
  WS_MAX_CONNECTIONS_PER_IP: positiveInt(200),
  /** Operations (subscriptions included) running at once on one WebSocket connection. */
  WS_MAX_OPERATIONS_PER_CONNECTION: positiveInt(100),
  /** How long a client may take to send a request's headers (Node's `server.headersTimeout`). */
  HTTP_HEADERS_TIMEOUT_MS: positiveInt(10_000),
  /** How long a client may take to send a whole request, body included (Node's `server.requestTimeout`). */
  HTTP_REQUEST_TIMEOUT_MS: positiveInt(30_000),
  /** How long an idle keep-alive connection stays open between requests. */
  HTTP_KEEP_ALIVE_TIMEOUT_MS: positiveInt(5_000),
  /** LLM prices over genai-prices' catalogue: a JSON object, or the path of a JSON file holding one. */
  LLM_PRICES: optionalString.pipe(
    z
      .string()
      .transform((value, context) => {
        try {
          return JSON.parse(value.startsWith('{') ? value : readFileSync(value, 'utf8')) as unknown;
        } catch (error) {
          context.addIssue({
            code: 'custom',
            message: `must be a JSON object of model prices or a path to one: ${(error as Error).message}`,
          });
          return z.NEVER;
        }
      })
      .pipe(modelPricesSchema)
      .optional(),
  ),
  /** Where agents with the `openai-compatible` provider send their calls unless their version names a base URL. */
  OPENAI_BASE_URL: optionalString.pipe(z.url({ error: 'must be an http(s) URL' }).optional()),
  /** The operator's own API key for OPENAI_BASE_URL; tenants' versions get it only with OPENAI_API_KEY_FOR_TENANTS. */
  OPENAI_API_KEY: optionalString,
  /**
   * Lends OPENAI_API_KEY to tenants' versions that name no key credential of their own, and only for
   * calls to OPENAI_BASE_URL (a version with its own baseUrl never gets it). Default false: without
   * a MODEL_API_KEY credential a version's calls carry no key.
   */
  OPENAI_API_KEY_FOR_TENANTS: z.stringbool({ error: 'must be true or false' }).default(false),
  /**
   * Header lines (`Name: value`) the OpenAI client adds to every call, as its own OPENAI_CUSTOM_HEADERS;
   * sent only towards OPENAI_BASE_URL, never to a version's own baseUrl.
   */
  OPENAI_CUSTOM_HEADERS: z
    .string()
    .default('')
    .transform((lines) =>
      Object.fromEntries(
        lines
          .split('\n')
          .filter((line) => line.includes(':'))
          .map((line) => [
            line.slice(0, line.indexOf(':')).trim(),
            line.slice(line.indexOf(':') + 1).trim(),
          ]),
      ),
    ),
  /** 32 bytes, base64: encrypts stored credentials (webhook signing secrets). Default: derived from the admin key. */
  CREDENTIALS_KEY: optionalString.pipe(
    z
      .string()
      .refine(
        (value) => Buffer.from(value, 'base64').length === 32,
        'must be 32 bytes in base64 (openssl rand -base64 32)',
      )
      .optional(),
  ),
  /** The address webhook senders reach this service at: triggers' webhookUrl starts with it. */
  PUBLIC_BASE_URL: optionalString.pipe(z.url({ error: 'must be an http(s) URL' }).optional()),
  /** Largest webhook body a trigger accepts (413 above it); below MAX_BODY_BYTES, which applies first. */
  WEBHOOK_MAX_BODY_BYTES: positiveInt(1024 * 1024),
  /** Largest trigger input schema (JSON Schema, as JSON) a save accepts. */
  TRIGGER_MAX_SCHEMA_BYTES: positiveInt(64 * 1024),
  /** Characters a trigger's regular expressions (signature fields, JSON Schema patterns) may search in one webhook, in all (422 above it). */
  TRIGGER_REGEX_BUDGET_CHARS: positiveInt(4096),
  /** Longest message a trigger's template may render (UTF-16 code units); a webhook that renders more is refused (422). */
  TRIGGER_MAX_MESSAGE_CHARS: positiveInt(1024 * 1024),
  /** How often an idle delivery worker looks for due webhook deliveries (src/kernel/polling-loop.ts backs off). */
  DELIVERY_POLL_MS: positiveInt(500),
  /** How long a receiver has to answer 2xx, body included. */
  DELIVERY_TIMEOUT_MS: positiveInt(15_000),
  /** An endpoint failing for longer than this is disabled (and that is itself an event). */
  DELIVERY_DISABLE_AFTER_HOURS: positiveInt(120),
  /** Webhook deliveries one process sends at once; a slow receiver holds one slot, never the others. */
  DELIVERY_CONCURRENCY: positiveInt(50),
  /** Deliveries in flight to one endpoint at once (all processes together): a hanging endpoint holds no more. */
  DELIVERY_ENDPOINT_CONCURRENCY: positiveInt(10),
  /** Deliveries in flight for one tenant at once, all its endpoints together (all processes). */
  DELIVERY_TENANT_CONCURRENCY: positiveInt(20),
  /**
   * Special-purpose address ranges that requests to tenant-chosen URLs (webhook receivers, HTTP tools,
   * model providers) may reach, comma-separated: unspecified, loopback, private, cgnat, link-local,
   * benchmarking, documentation, multicast, reserved (src/net/outbound.ts). None by default.
   */
  OUTBOUND_ALLOWED_NETWORKS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((kind) => kind.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(z.enum(NETWORK_KINDS, { error: `must list some of ${NETWORK_KINDS.join(', ')}` })),
    ),
  /** The old name: refused, so that a deployment relying on it does not quietly lose the ranges it allowed. */
  DELIVERY_ALLOWED_NETWORKS: z
    .undefined({
      error:
        'was renamed OUTBOUND_ALLOWED_NETWORKS (it now covers HTTP tools and model providers too)',
    })
    .optional(),
  /** How much of an answer from a tenant-chosen URL is kept (stored, or handed to the model). */
  OUTBOUND_KEEP_BYTES: positiveInt(64 * 1024),
  /** Past this many bytes an answer is no longer read: the connection is dropped. */
  OUTBOUND_MAX_BYTES: positiveInt(1024 * 1024),
  /** A model provider's streamed answer may be this long (long answers stream many chunks); past it the call fails. */
  MODEL_RESPONSE_MAX_BYTES: positiveInt(16 * 1024 * 1024),
  /** How long a model call may stream, in all. */
  MODEL_TIMEOUT_MS: positiveInt(10 * 60_000),
  /** How long an HTTP tool has to answer, body included. */
  TOOL_TIMEOUT_MS: positiveInt(30_000),
  /** An execution's lease: a worker renews it every third of it; a dead worker's runs resume after it. */
  EXECUTION_LEASE_MS: positiveInt(15_000),
  /** How often an idle runner looks for executions another instance queued or approved (it backs off, see src/kernel/polling-loop.ts). */
  EXECUTION_POLL_MS: positiveInt(250),
  /** How often an execution's SSE stream sends a `: keep-alive` comment: proxies cut streams idle for long (often 60 s). */
  SSE_KEEPALIVE_MS: positiveInt(15_000),
  /** Executions one process runs at once; 0 leaves them to other instances and `npm run worker`. */
  EXECUTION_CONCURRENCY: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .default(16),
  /** The Bearer token that `GET /metrics` on the main port requires; without it (and without METRICS_PORT) /metrics answers 404. */
  METRICS_TOKEN: optionalString.pipe(
    z.string().min(16, 'must be at least 16 characters').optional(),
  ),
  /** A second port serving only `GET /metrics`, without a token (keep it off the public network). */
  METRICS_PORT: z.preprocess(
    (value) => (typeof value === 'string' && !value.trim() ? undefined : value),
    portNumber.optional(),
  ),
  /**
   * Which X-Forwarded-For hops to believe for the client's address: a hop count, or addresses, CIDR
   * ranges and `loopback`, `linklocal`, `uniquelocal`, comma-separated. Unset: the socket's address.
   */
  TRUST_PROXY: optionalString.pipe(
    z
      .string()
      .transform((value, context) => {
        try {
          return compileTrustProxy(value);
        } catch (error) {
          context.addIssue({
            code: 'custom',
            message: `must be a hop count or a list of addresses, CIDR ranges, loopback, linklocal, uniquelocal: ${(error as Error).message}`,
          });
          return z.NEVER;
        }
      })
      .optional(),
  ),
  /** Where traces go (OTLP over HTTP, e.g. http://collector:4318); unset, nothing is traced. */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalString.pipe(
    z.url({ error: 'must be an http(s) URL' }).optional(),
  ),
  /** How long SIGTERM waits for in-flight requests before closing connections. */
  SHUTDOWN_GRACE_MS: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .default(5000),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Where the database is: DATABASE_URL, else the embedded PGlite in `DATA_DIR/pglite`. */
export function databaseLocation(
  config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR' | 'DATABASE_CONNECT_TIMEOUT_MS'>,
) {
  return config.DATABASE_URL
    ? { databaseUrl: config.DATABASE_URL, connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS }
    : { dataDir: join(config.DATA_DIR, 'pglite') };
}

/** Parses the environment; a bad value fails start with one line per problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  ${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return parsed.data;
}
