// Baseline: how fast the local receiver takes BENCH_MESSAGES POSTs sent with an undici keep-alive
// pool of 50 connections (BENCH_RECEIVER), the ceiling for outbound deliveries.
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { report } from '../lib/processes.ts';

const pool = new Pool(process.env.BENCH_RECEIVER!, { connections: 50 });
const total = Number(process.env.BENCH_MESSAGES ?? 5000);
const body = JSON.stringify({ type: 'event.created', data: { text: 'x'.repeat(300) } });
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: 50 }, async () => {
    while (next++ < total) {
      const { body: answer } = await pool.request({
        path: '/hook',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await answer.dump();
    }
  }),
);
report('result', { messagesPerSecond: total / ((performance.now() - started) / 1000) });
await pool.close();
