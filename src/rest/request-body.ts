import type { IncomingMessage } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';

/**
 * The body length a request declares (0 for GET and HEAD), or null when it is streamed without one
 * (chunked): then only reading it tells.
 */
export function declaredBodyLength(c: Context): number | null {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return 0;
  const length = c.req.header('content-length');
  return length === undefined || c.req.header('transfer-encoding') !== undefined
    ? null
    : parseInt(length, 10);
}

/**
 * A request body read from the socket as text, as node:stream/consumers' text() reads it (one UTF-8
 * decoding, a byte order mark dropped), without iterating the stream asynchronously and without the
 * fetch Request and web stream @hono/node-server would build around the socket.
 */
export function socketText(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.once('error', reject);
    incoming.once('close', () => {
      if (!incoming.complete) reject(new Error('The request closed before its body ended'));
    });
    incoming.once('end', () => resolve(new TextDecoder().decode(Buffer.concat(chunks))));
  });
}

/**
 * A request's body as text: from the socket, unless a body limit had to read it as a stream (no
 * declared length), or there is no socket (a request made in-process).
 */
export function requestText(c: Context): Promise<string> {
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  const length = declaredBodyLength(c);
  if (length === 0) return Promise.resolve('');
  return incoming && length !== null ? socketText(incoming) : c.req.text();
}
