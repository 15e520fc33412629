/** Prisma condition for a time window: `from` inclusive, `to` exclusive, either optional. */
export function dateRange(from?: Date | null, to?: Date | null) {
  return from || to ? { gte: from ?? undefined, lt: to ?? undefined } : undefined;
}

/**
 * Tests a row in memory against a Prisma `where` made of equalities and `dateRange` windows, so a
 * subscription filters its payloads exactly as the matching query filters rows.
 */
export function matchesWhere(row: object, where: object): boolean {
  return Object.entries(where).every(([field, condition]) => {
    if (condition === undefined) return true;
    const value = (row as Record<string, unknown>)[field];
    if (condition !== null && typeof condition === 'object') {
      const { gte, lt } = condition as { gte?: Date; lt?: Date };
      return value instanceof Date && (!gte || value >= gte) && (!lt || value < lt);
    }
    return value === condition;
  });
}
