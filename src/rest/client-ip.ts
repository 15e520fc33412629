import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** The caller's address, as the socket reports it. */
export function clientIp(c: Context) {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // no socket: served through fetch()
  }
}
