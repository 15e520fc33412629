// The load generator (autocannon, in the bench's process, never in a server's) and small measures.
import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';

export const CONNECTIONS = 20;
/** Seconds of load per measured run (BENCH_SECONDS overrides). */
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Requests per second over all connections; unset: as fast as answered. */
  overallRate?: number;
  connections?: number;
  seconds?: number;
}

export interface Load {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function cannon(options: LoadOptions, seconds: number) {
  return autocannon({
    url: options.url,
    method: options.method ?? 'POST',
    headers: options.headers,
    body: options.body,
    connections: options.connections ?? CONNECTIONS,
    overallRate: options.overallRate,
    duration: seconds,
  });
}

/** GraphQL answers 200 with errors: one request first shows that the measured ones succeed. */
async function expectSuccess(options: LoadOptions) {
  const response = await fetch(options.url, {
    method: options.method ?? 'POST',
    headers: options.headers,
    body: options.body,
  });
  const text = await response.text();
  if (!response.ok || text.includes('"errors"'))
    throw new Error(`${options.url}: ${response.status} ${text.slice(0, 500)}`);
}

/** One second of warm-up, then the measured run; a run with failed requests throws. */
export async function load(options: LoadOptions): Promise<Load> {
  await expectSuccess(options);
  await cannon(options, 1);
  const result = await cannon(options, options.seconds ?? SECONDS);
  const answered = result.requests.total > 0;
  const measured = {
    requestsPerSecond: result.requests.total / result.duration,
    // Nothing answered within the run: no latency to report (the figure shows as —).
    p50: answered ? result.latency.p50 : NaN,
    p99: answered ? result.latency.p99 : NaN,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
  if (measured.non2xx || measured.errors)
    throw new Error(
      `${options.url}: ${result.requests.total} answered, ${measured.non2xx} non-2xx, ${measured.errors} errors or timeouts`,
    );
  return measured;
}

export const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[
    Math.min(values.length - 1, Math.floor((values.length * p) / 100))
  ];

/** Median milliseconds of `runs` runs of `task`. */
export async function medianMs(runs: number, task: () => Promise<unknown>) {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }
  return percentile(times, 50);
}

/** Rejects after `ms` with a message naming what took too long. */
export function within<T>(ms: number, what: () => string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what()}: no end after ${ms / 1000} s`)), ms);
    }),
  ]);
}
