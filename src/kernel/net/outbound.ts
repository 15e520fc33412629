import { lookup as systemLookup } from 'node:dns/promises';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Agent, buildConnector, fetch as undiciFetch, request } from 'undici';
import { inSpan, SpanKind, withOutgoingTrace } from '../tracing.ts';

/**
 * Special-purpose address ranges (IANA registries) that a tenant-chosen URL may not reach unless
 * OUTBOUND_ALLOWED_NETWORKS names their kind. IPv4-mapped (`::ffff:0:0/96`) and NAT64
 * (`64:ff9b::/96`, `64:ff9b:1::/48`) addresses are judged by the IPv4 address they carry.
 */
const RANGES = {
  unspecified: [
    ['0.0.0.0', 8, 'ipv4'],
    ['::', 128, 'ipv6'],
  ],
  loopback: [
    ['127.0.0.0', 8, 'ipv4'],
    ['::1', 128, 'ipv6'],
  ],
  private: [
    ['10.0.0.0', 8, 'ipv4'],
    ['172.16.0.0', 12, 'ipv4'],
    ['192.168.0.0', 16, 'ipv4'],
    ['fc00::', 7, 'ipv6'],
  ],
  cgnat: [['100.64.0.0', 10, 'ipv4']],
  'link-local': [
    ['169.254.0.0', 16, 'ipv4'],
    ['fe80::', 10, 'ipv6'],
  ],
  benchmarking: [
    ['198.18.0.0', 15, 'ipv4'],
    ['2001:2::', 48, 'ipv6'],
  ],
  documentation: [
    ['192.0.2.0', 24, 'ipv4'],
    ['198.51.100.0', 24, 'ipv4'],
    ['203.0.113.0', 24, 'ipv4'],
    ['2001:db8::', 32, 'ipv6'],
    ['3fff::', 20, 'ipv6'],
  ],
  multicast: [
    ['224.0.0.0', 4, 'ipv4'],
    ['ff00::', 8, 'ipv6'],
  ],
  // IETF protocol assignments, 6to4 relays, 240/4 (with 255.255.255.255); IPv4-compatible, discard-only,
  // Teredo and 6to4 IPv6, the deprecated site-local range.
  reserved: [
    ['192.0.0.0', 24, 'ipv4'],
    ['192.88.99.0', 24, 'ipv4'],
    ['240.0.0.0', 4, 'ipv4'],
    ['::', 96, 'ipv6'],
    ['100::', 64, 'ipv6'],
    ['2001::', 23, 'ipv6'],
    ['2002::', 16, 'ipv6'],
    ['fec0::', 10, 'ipv6'],
  ],
} as const satisfies Record<string, readonly (readonly [string, number, 'ipv4' | 'ipv6'])[]>;

export type NetworkKind = keyof typeof RANGES;
export const NETWORK_KINDS = Object.keys(RANGES) as [NetworkKind, ...NetworkKind[]];

const blockLists = (Object.entries(RANGES) as [NetworkKind, (typeof RANGES)[NetworkKind]][]).map(
  ([kind, ranges]) => {
    const list = new BlockList();
    for (const [network, prefix, type] of ranges) list.addSubnet(network, prefix, type);
    return [kind, list] as const;
  },
);
const embedsIPv4 = new BlockList();
embedsIPv4.addSubnet('::ffff:0:0', 96, 'ipv6');
embedsIPv4.addSubnet('64:ff9b::', 96, 'ipv6');
embedsIPv4.addSubnet('64:ff9b:1::', 48, 'ipv6');

/** The IPv4 address in the last 32 bits of an IPv4-mapped or NAT64 address, else null. */
function embeddedIPv4(address: string): string | null {
  if (isIP(address) !== 6 || !embedsIPv4.check(address, 'ipv6')) return null;
  // The URL parser writes the address canonically: the last two groups are hex (or '' when compressed).
  const groups = new URL(`http://[${address}]`).hostname
    .slice(1, -1)
    .split(':')
    .slice(-2)
    .map((group) => parseInt(group || '0', 16));
  const value = groups[0] * 0x10000 + groups[1];
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}

/** The special-purpose kind `address` belongs to, or null for an ordinary (public) address. */
export function networkKindOf(address: string): NetworkKind | null {
  const ipv4 = embeddedIPv4(address);
  const [checked, type] = ipv4
    ? [ipv4, 'ipv4' as const]
    : [address, isIP(address) === 6 ? ('ipv6' as const) : ('ipv4' as const)];
  return blockLists.find(([, list]) => list.check(checked, type))?.[0] ?? null;
}

/** What a client span records of a request: never the query string, which may carry a secret. */
function spanAttributes(method: string, url: string) {
  const parsed = URL.parse(url);
  return {
    'http.request.method': method,
    'server.address': parsed?.hostname ?? '',
    'url.path': parsed?.pathname ?? '',
  };
}

/** Refused by the guard: the recorded error says which address, which kind and which setting. */
export class OutboundRefused extends Error {
  constructor(host: string, address: string, kind: NetworkKind) {
    super(
      `${host}${host === address ? ',' : ` resolves to ${address},`} ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} address: not allowed (OUTBOUND_ALLOWED_NETWORKS)`,
    );
    this.name = 'OutboundRefused';
  }
}

/** The answer was larger than the client reads. */
export class OutboundTooLarge extends Error {
  constructor(maxBytes: number) {
    super(`The response exceeded ${maxBytes} bytes: stopped reading`);
    this.name = 'OutboundTooLarge';
  }
}

/** Resolves a host name to all its addresses (dns.lookup by default; tests inject their own). */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

export interface OutboundOptions {
  allowedNetworks: readonly NetworkKind[];
  resolveHost?: ResolveHost;
}

export interface CappedAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** At most `keepBytes` of the body, decoded as UTF-8. */
  body: string;
  /** The body was longer than `keepBytes` (or than `maxBytes`: then reading stopped there). */
  truncated: boolean;
}

/**
 * The only way the server sends requests to tenant-chosen URLs (webhook receivers, HTTP tools, model
 * providers). Every address a connection would use is checked when the socket connects, inside its
 * DNS lookup, so a name that resolves differently the second time (DNS rebinding) gains nothing.
 * Redirects are never followed, a timeout covers the whole exchange, and answers are read up to a cap.
 */
export class OutboundClient {
  private readonly dispatcher: Agent;

  constructor(private readonly options: OutboundOptions) {
    const resolveHost =
      options.resolveHost ?? ((hostname) => systemLookup(hostname, { all: true }));
    const lookup: LookupFunction = (hostname, lookupOptions: LookupOptions, callback) => {
      resolveHost(hostname)
        .then((resolved) => {
          const addresses = resolved.filter(
            (entry) => !lookupOptions.family || entry.family === lookupOptions.family,
          );
          if (!addresses.length)
            throw Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' });
          for (const { address } of addresses) this.check(hostname, address);
          return addresses;
        })
        .then(
          (addresses) =>
            lookupOptions.all
              ? callback(null, addresses)
              : callback(null, addresses[0].address, addresses[0].family),
          (error: NodeJS.ErrnoException) => callback(error, ''),
        );
    };
    const connect = buildConnector({ lookup } as buildConnector.BuildOptions);
    this.dispatcher = new Agent({
      // A host that is an address is never looked up: it is checked here instead.
      connect: (connectOptions, callback) => {
        try {
          if (isIP(connectOptions.hostname))
            this.check(connectOptions.hostname, connectOptions.hostname);
        } catch (error) {
          return callback(error as Error, null);
        }
        return connect(connectOptions, callback);
      },
    });
  }

  private check(host: string, address: string) {
    const kind = networkKindOf(address);
    if (kind && !this.options.allowedNetworks.includes(kind))
      throw new OutboundRefused(host, address, kind);
  }

  /**
   * One exchange whose body is read to at most `maxBytes` (then the connection is dropped) and kept
   * to `keepBytes`. Throws OutboundRefused, a timeout, or a connection error.
   */
  async send(
    url: string,
    init: {
      method: 'POST';
      headers: Record<string, string>;
      body: string;
      timeoutMs: number;
      keepBytes: number;
      maxBytes: number;
      signal?: AbortSignal;
    },
  ): Promise<CappedAnswer> {
    return inSpan(
      init.method,
      { kind: SpanKind.CLIENT, attributes: spanAttributes(init.method, url) },
      async (span) => {
        const answer = await this.exchange(url, {
          ...init,
          headers: withOutgoingTrace(init.headers),
        });
        span.setAttribute('http.response.status_code', answer.status);
        return answer;
      },
    );
  }

  private async exchange(url: string, init: Parameters<OutboundClient['send']>[1]) {
    const timeout = AbortSignal.timeout(init.timeoutMs);
    const signal = init.signal ? AbortSignal.any([timeout, init.signal]) : timeout;
    try {
      const response = await request(url, {
        dispatcher: this.dispatcher,
        method: init.method,
        headers: init.headers,
        body: init.body,
        signal,
      });
      const kept: Buffer[] = [];
      let keptBytes = 0;
      let total = 0;
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (keptBytes < init.keepBytes) {
          kept.push(chunk.subarray(0, init.keepBytes - keptBytes));
          keptBytes += kept.at(-1)!.length;
        }
        if (total > init.maxBytes) {
          response.body.destroy();
          break;
        }
      }
      return {
        status: response.statusCode,
        headers: response.headers,
        body: Buffer.concat(kept).toString('utf8'),
        truncated: total > init.keepBytes,
      };
    } catch (error) {
      if (timeout.aborted) throw new Error(`No complete answer within ${init.timeoutMs} ms`);
      throw error;
    }
  }

  /**
   * A `fetch` for clients that bring their own (the OpenAI client): the same guard, no redirects
   * (a 3xx is answered as it is), the whole exchange within `timeoutMs`, the body cut at `maxBytes`.
   */
  fetcher({ timeoutMs, maxBytes }: { timeoutMs: number; maxBytes: number }): typeof fetch {
    const dispatcher = this.dispatcher;
    return (async (input: string | URL | Request, init: RequestInit = {}) => {
      const signal = init.signal
        ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)])
        : AbortSignal.timeout(timeoutMs);
      const url = input instanceof Request ? input.url : String(input);
      const method = init.method ?? 'GET';
      // The span covers the exchange up to the response's headers; a streamed body reads on after it.
      const response = await inSpan(
        method,
        { kind: SpanKind.CLIENT, attributes: spanAttributes(method, url) },
        async (span) => {
          const headers = new Headers(init.headers as HeadersInit);
          for (const [name, value] of Object.entries(withOutgoingTrace({})))
            headers.set(name, value);
          try {
            const answer = await undiciFetch(url, {
              ...(init as object),
              headers: Object.fromEntries(headers),
              redirect: 'manual',
              signal,
              dispatcher,
            });
            span.setAttribute('http.response.status_code', answer.status);
            return answer;
          } catch (error) {
            // undici says "fetch failed"; the refusal (or connection error) is its cause.
            throw (error as Error).cause instanceof Error ? (error as Error).cause : error;
          }
        },
      );
      if (!response.body) return response;
      let seen = 0;
      const capped = (response.body as ReadableStream<Uint8Array>).pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            seen += chunk.byteLength;
            if (seen > maxBytes) controller.error(new OutboundTooLarge(maxBytes));
            else controller.enqueue(chunk);
          },
        }),
      );
      return new Response(capped, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers as unknown as Headers,
      });
    }) as unknown as typeof fetch;
  }

  /** Drops whatever is still connected (at shutdown, after the workers have stopped). */
  close = () => this.dispatcher.destroy();
}
