/** Prisma condition for a time window: `from` inclusive, `to` exclusive, either optional. */
export function dateRange(from?: Date | null, to?: Date | null) {
  return from || to ? { gte: from ?? undefined, lt: to ?? undefined } : undefined;
}

/** The same window tested in memory, for payloads arriving on a subscription. */
export function inDateRange(date: Date, from?: Date | null, to?: Date | null): boolean {
  return (!from || date >= from) && (!to || date < to);
}
