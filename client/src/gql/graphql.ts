/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** An application event to log. */
export type LogEventInput = {
  /** The agent the event is about, as the client names it. */
  agentId?: string | null | undefined;
  /** May name a conversation that does not exist yet. */
  conversationId?: string | null | undefined;
  /** Makes the call idempotent: a repeat returns the stored event. `^[a-zA-Z0-9-_.]+$`, 1..255. */
  id?: string | null | undefined;
  /** The message the event is about, as the client names it. */
  messageId?: string | null | undefined;
  /** At most 64 KiB and 100 keys. */
  metadata?: Record<string, unknown> | null | undefined;
  /** At most 64 KiB and 100 keys. */
  properties?: Record<string, unknown> | null | undefined;
  /** The event type (e.g. `message.sent`). */
  type: string;
  /** At most 64 KiB and 100 keys. */
  userProperties?: Record<string, unknown> | null | undefined;
};

export type ClientLogMessageMutationVariables = Exact<{
  input: LogEventInput;
}>;


export type ClientLogMessageMutation = { logEvent: { created: boolean, event: { id: string, type: string } } };

export type ClientRecentEventsQueryVariables = Exact<{
  first: number;
}>;


export type ClientRecentEventsQuery = { appEvents: { totalCount: number, edges: Array<{ node: { id: string, type: string, conversationId: string | null } }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const ClientLogMessageDocument = new TypedDocumentString(`
    mutation ClientLogMessage($input: LogEventInput!) {
  logEvent(input: $input) {
    created
    event {
      id
      type
    }
  }
}
    `) as unknown as TypedDocumentString<ClientLogMessageMutation, ClientLogMessageMutationVariables>;
export const ClientRecentEventsDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<ClientRecentEventsQuery, ClientRecentEventsQueryVariables>;