/** Dates, numbers and JSON as the console shows them. */
export const when = (iso: string | null | undefined) =>
  iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 19) : '—';
export const json = (value: unknown) => JSON.stringify(value, null, 2);
export const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;
export const usd = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `$${value.toFixed(6)}`;
export const ms = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${Math.round(value)} ms`;
