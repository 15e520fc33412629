import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/** Which `X-Forwarded-For` hops to believe: `(address, hop) => trusted`. */
export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * TRUST_PROXY as Express reads it: a hop count (`1`: the nearest proxy), or a comma-separated list
 * of addresses, CIDR ranges and the names `loopback`, `linklocal`, `uniquelocal`. Throws on a bad entry.
 */
export function compileTrustProxy(value: string): TrustProxy {
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  return proxyAddr.compile(value.split(',').map((entry) => entry.trim()));
}

/**
 * The client's address: the socket's, or with `trust` the first `X-Forwarded-For` hop (from the
 * nearest) that came through an untrusted address.
 */
export function clientAddress(
  socketAddress: string | null,
  forwardedFor: string | null,
  trust: TrustProxy | null | undefined,
): string | null {
  if (!socketAddress || !trust || !forwardedFor) return socketAddress;
  const request = {
    socket: { remoteAddress: socketAddress },
    headers: { 'x-forwarded-for': forwardedFor },
  };
  return proxyAddr(request as unknown as IncomingMessage, trust);
}
