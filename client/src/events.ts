import { graphql } from './gql/index.ts';
import { request } from './switchboard.ts';

const LogMessage = graphql(`
  mutation ClientLogMessage($input: LogEventInput!) {
    logEvent(input: $input) {
      created
      event {
        id
        type
      }
    }
  }
`);

const RecentEvents = graphql(`
  query ClientRecentEvents($first: Int!) {
    appEvents(first: $first) {
      totalCount
      edges {
        node {
          id
          type
          conversationId
        }
      }
    }
  }
`);

/** Logs a message of a conversation; answers the stored event's id. */
export async function logMessage(
  endpoint: string,
  key: string,
  conversationId: string,
  text: string,
): Promise<string> {
  const { logEvent } = await request(endpoint, key, LogMessage, {
    input: { type: 'message.sent', conversationId, properties: { text } },
  });
  return logEvent.event.id;
}

/** The newest events, as `{ id, type, conversationId }`. */
export async function recentEvents(endpoint: string, key: string, first = 10) {
  const { appEvents } = await request(endpoint, key, RecentEvents, { first });
  return appEvents.edges.map(({ node }) => node);
}
