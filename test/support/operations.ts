import { graphql } from '../gql/index.ts';

// Operations several test files use; the others declare theirs beside the test.
export const CreateTenant = graphql(`
  mutation CreateTenant($name: String!) {
    createTenant(name: $name) {
      id
      name
    }
  }
`);

export const CreateProject = graphql(`
  mutation CreateProject($name: String!, $tenantId: ID) {
    createProject(name: $name, tenantId: $tenantId) {
      id
      name
    }
  }
`);

export const CreateApiKey = graphql(`
  mutation CreateApiKey(
    $name: String!
    $tenantId: ID
    $projectId: ID
    $actorType: ApiKeyActorType
  ) {
    createApiKey(name: $name, tenantId: $tenantId, projectId: $projectId, actorType: $actorType) {
      secret
      apiKey {
        id
        name
        actorType
        project {
          id
        }
      }
    }
  }
`);

export const LogEvent = graphql(`
  mutation LogEvent($input: LogEventInput!) {
    logEvent(input: $input) {
      created
      event {
        id
        type
        agentId
        conversationId
        messageId
        properties
        userProperties
        metadata
        serverMetadata
        createdAt
        updatedAt
      }
    }
  }
`);

export const AppEvents = graphql(`
  query AppEvents($filter: AppEventFilter, $first: Int, $after: String) {
    appEvents(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
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

export const AuditEventFields = graphql(`
  fragment AuditEventFields on AuditEvent {
    id
    eventType
    actorType
    actorId
    resourceType
    resourceId
    tenantId
    correlationId
    causationId
    outcome
    payload
    occurredAt
  }
`);

export const AuditEvents = graphql(`
  query AuditEvents($filter: AuditEventFilter, $first: Int, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...AuditEventFields
        }
      }
    }
  }
`);

export const AppEventLogged = graphql(`
  subscription AppEventLogged($filter: AppEventFilter) {
    appEventLogged(filter: $filter) {
      id
      type
      conversationId
      createdAt
    }
  }
`);

export const LlmEventFields = graphql(`
  fragment LlmEventFields on LlmEvent {
    id
    provider
    model
    inputTokens
    outputTokens
    cachedInputTokens
    toolCalls {
      id
      name
      arguments
    }
    finishReason
    error
    latencyMs
    costUsd
  }
`);
