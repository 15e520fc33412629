import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppEnv } from './kit.ts';
import { clientAddress } from '../kernel/net/trust-proxy.ts';

/** The caller's address: the socket's, or behind trusted proxies (TRUST_PROXY) the one they forwarded. */
export function clientIp(c: Context) {
  let socketAddress: string | null;
  try {
    socketAddress = getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // no socket: served through fetch()
  }
  const trust = (c as Context<AppEnv>).get('trustProxy');
  return clientAddress(socketAddress, c.req.header('x-forwarded-for') ?? null, trust);
}
