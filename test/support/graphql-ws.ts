import WebSocket from 'ws';
import { eventually } from './switchboard.ts';

/**
 * A graphql-ws connection on a raw socket, acknowledged, keeping every message it receives: tests
 * of framing and fan-out see exactly what the server wrote, which a graphql-ws client would hide.
 */
export async function rawGraphQLWs<Message extends { type: string }>(baseUrl: string, key: string) {
  const socket = new WebSocket(baseUrl.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws');
  const messages: Message[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as Message));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(
    JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${key}` } }),
  );
  await eventually(() => messages.some((m) => m.type === 'connection_ack'), 'the connection');
  return { socket, messages, send: (message: object) => socket.send(JSON.stringify(message)) };
}

/** `executionEvents` of one execution, with `fields` of each text delta besides its seq. */
export const followExecutionEvents = (
  textDeltaFields = 'text',
) => `subscription ($id: ID!) { executionEvents(executionId: $id) { __typename
  ... on ExecutionTextDelta { seq ${textDeltaFields} } ... on ExecutionStatusChanged { seq status }
  ... on ExecutionToolCallRequested { seq } ... on ExecutionApprovalRequested { seq }
  ... on ExecutionApprovalDecided { seq } ... on ExecutionToolResult { seq }
  ... on ExecutionFinished { seq status } } }`;

/** A graphql-ws message of an `executionEvents` subscription. */
export interface ExecutionEventsMessage {
  id?: string;
  type: string;
  payload?: {
    data?: { executionEvents: { seq: number; text?: string; status?: string } };
  };
}
