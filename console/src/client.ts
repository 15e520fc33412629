import { createClient as createSocket } from 'graphql-ws';
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';

/** The key lives in this tab's session only: closing the tab signs out. */
const KEY_ITEM = 'switchboard.key';
export const storedKey = () => sessionStorage.getItem(KEY_ITEM);
export const storeKey = (key: string | null) =>
  key === null ? sessionStorage.removeItem(KEY_ITEM) : sessionStorage.setItem(KEY_ITEM, key);

/** Queries and mutations over HTTP, subscriptions over graphql-ws, all with the caller's key. */
export function connect(key: string) {
  const authorization = `Bearer ${key}`;
  const socket = createSocket({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    connectionParams: { authorization },
  });
  const client = new Client({
    url: '/graphql',
    requestPolicy: 'cache-and-network',
    fetchOptions: { headers: { authorization } },
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({
            unsubscribe: socket.subscribe({ ...request, query: request.query ?? '' }, sink),
          }),
        }),
      }),
    ],
  });
  return { client, close: () => socket.dispose() };
}
