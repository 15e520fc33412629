/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query DeepQuery {\n    apiKeys {\n      edges {\n        node {\n          project {\n            tenant {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.DeepQueryDocument,
    "\n  query EverythingVisible($auditId: ID!, $correlationId: String!, $resourceId: String!) {\n    viewer {\n      tenantId\n    }\n    tenant {\n      id\n    }\n    projects {\n      id\n    }\n    apiKeys {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    appEvents(first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    auditEvents(first: 100) {\n      totalCount\n      edges {\n        node {\n          tenantId\n          resourceId\n        }\n      }\n    }\n    auditEvent(id: $auditId) {\n      id\n    }\n    auditEventsByCorrelation(correlationId: $correlationId) {\n      totalCount\n    }\n    auditEventsByResource(resourceType: APP_EVENT, resourceId: $resourceId) {\n      totalCount\n    }\n    auditAggregate {\n      total\n      byEventType {\n        key\n      }\n    }\n    auditStatsByActor {\n      actorId\n    }\n  }\n": typeof types.EverythingVisibleDocument,
    "\n  subscription AuditEventRecordedAny {\n    auditEventRecorded {\n      tenantId\n      resourceId\n    }\n  }\n": typeof types.AuditEventRecordedAnyDocument,
    "\n  subscription AuditEventRecordedScaleOut {\n    auditEventRecorded {\n      eventType\n      resourceId\n      occurredAt\n    }\n  }\n": typeof types.AuditEventRecordedScaleOutDocument,
    "\n  query ViewerTenant {\n    viewer {\n      tenantId\n    }\n  }\n": typeof types.ViewerTenantDocument,
    "\n  query AuditTestById($id: ID!) {\n    auditEvent(id: $id) {\n      ...AuditEventFields\n    }\n  }\n": typeof types.AuditTestByIdDocument,
    "\n  query AuditTestByCorrelation($correlationId: String!, $first: Int, $after: String) {\n    auditEventsByCorrelation(correlationId: $correlationId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          eventType\n          resourceId\n          correlationId\n          tenantId\n        }\n      }\n    }\n  }\n": typeof types.AuditTestByCorrelationDocument,
    "\n  query AuditTestByResource($resourceType: ResourceType!, $resourceId: String!, $first: Int) {\n    auditEventsByResource(resourceType: $resourceType, resourceId: $resourceId, first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          eventType\n          outcome\n          tenantId\n        }\n      }\n    }\n  }\n": typeof types.AuditTestByResourceDocument,
    "\n  query AuditTestAggregate($from: DateTime, $to: DateTime) {\n    auditAggregate(from: $from, to: $to) {\n      total\n      byActorType {\n        key\n        count\n      }\n      byEventType {\n        key\n        count\n      }\n      byResourceType {\n        key\n        count\n      }\n    }\n  }\n": typeof types.AuditTestAggregateDocument,
    "\n  query AuditTestStats($from: DateTime, $to: DateTime) {\n    auditStatsByActor(from: $from, to: $to) {\n      actorId\n      actorType\n      successes\n      failures\n      total\n    }\n  }\n": typeof types.AuditTestStatsDocument,
    "\n  subscription AuditTestRecorded($filter: AuditEventFilter) {\n    auditEventRecorded(filter: $filter) {\n      ...AuditEventFields\n    }\n  }\n": typeof types.AuditTestRecordedDocument,
    "\n  mutation AuditTestLogEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      created\n    }\n  }\n": typeof types.AuditTestLogEventsDocument,
    "\n  mutation AuditTestRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n    }\n  }\n": typeof types.AuditTestRevokeApiKeyDocument,
    "\n  mutation LogEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      created\n      event {\n        id\n        type\n      }\n    }\n  }\n": typeof types.LogEventsDocument,
    "\n  query Viewer {\n    viewer {\n      kind\n      tenantId\n      projectId\n      apiKeyId\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  query MyProjects {\n    tenant {\n      id\n      name\n    }\n    projects {\n      name\n    }\n  }\n": typeof types.MyProjectsDocument,
    "\n  query ApiKeys($includeRevoked: Boolean) {\n    apiKeys(includeRevoked: $includeRevoked) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          revokedAt\n          lastUsedAt\n        }\n      }\n    }\n  }\n": typeof types.ApiKeysDocument,
    "\n  mutation CreateTenant($name: String!) {\n    createTenant(name: $name) {\n      id\n      name\n    }\n  }\n": typeof types.CreateTenantDocument,
    "\n  mutation CreateProject($name: String!, $tenantId: ID) {\n    createProject(name: $name, tenantId: $tenantId) {\n      id\n      name\n    }\n  }\n": typeof types.CreateProjectDocument,
    "\n  mutation CreateApiKey($name: String!, $tenantId: ID, $projectId: ID, $actorType: ApiKeyActorType) {\n    createApiKey(name: $name, tenantId: $tenantId, projectId: $projectId, actorType: $actorType) {\n      secret\n      apiKey {\n        id\n        name\n        actorType\n        project {\n          id\n        }\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation LogEvent($input: LogEventInput!) {\n    logEvent(input: $input) {\n      created\n      event {\n        id\n        type\n        agentId\n        conversationId\n        messageId\n        properties\n        userProperties\n        metadata\n        serverMetadata\n        createdAt\n        updatedAt\n      }\n    }\n  }\n": typeof types.LogEventDocument,
    "\n  query AppEvents($filter: AppEventFilter, $first: Int, $after: String) {\n    appEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          type\n          conversationId\n        }\n      }\n    }\n  }\n": typeof types.AppEventsDocument,
    "\n  fragment AuditEventFields on AuditEvent {\n    id\n    eventType\n    actorType\n    actorId\n    resourceType\n    resourceId\n    tenantId\n    correlationId\n    causationId\n    outcome\n    payload\n    occurredAt\n  }\n": typeof types.AuditEventFieldsFragmentDoc,
    "\n  query AuditEvents($filter: AuditEventFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...AuditEventFields\n        }\n      }\n    }\n  }\n": typeof types.AuditEventsDocument,
    "\n  subscription AppEventLogged($filter: AppEventFilter) {\n    appEventLogged(filter: $filter) {\n      id\n      type\n      conversationId\n      createdAt\n    }\n  }\n": typeof types.AppEventLoggedDocument,
};
const documents: Documents = {
    "\n  query DeepQuery {\n    apiKeys {\n      edges {\n        node {\n          project {\n            tenant {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n": types.DeepQueryDocument,
    "\n  query EverythingVisible($auditId: ID!, $correlationId: String!, $resourceId: String!) {\n    viewer {\n      tenantId\n    }\n    tenant {\n      id\n    }\n    projects {\n      id\n    }\n    apiKeys {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    appEvents(first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    auditEvents(first: 100) {\n      totalCount\n      edges {\n        node {\n          tenantId\n          resourceId\n        }\n      }\n    }\n    auditEvent(id: $auditId) {\n      id\n    }\n    auditEventsByCorrelation(correlationId: $correlationId) {\n      totalCount\n    }\n    auditEventsByResource(resourceType: APP_EVENT, resourceId: $resourceId) {\n      totalCount\n    }\n    auditAggregate {\n      total\n      byEventType {\n        key\n      }\n    }\n    auditStatsByActor {\n      actorId\n    }\n  }\n": types.EverythingVisibleDocument,
    "\n  subscription AuditEventRecordedAny {\n    auditEventRecorded {\n      tenantId\n      resourceId\n    }\n  }\n": types.AuditEventRecordedAnyDocument,
    "\n  subscription AuditEventRecordedScaleOut {\n    auditEventRecorded {\n      eventType\n      resourceId\n      occurredAt\n    }\n  }\n": types.AuditEventRecordedScaleOutDocument,
    "\n  query ViewerTenant {\n    viewer {\n      tenantId\n    }\n  }\n": types.ViewerTenantDocument,
    "\n  query AuditTestById($id: ID!) {\n    auditEvent(id: $id) {\n      ...AuditEventFields\n    }\n  }\n": types.AuditTestByIdDocument,
    "\n  query AuditTestByCorrelation($correlationId: String!, $first: Int, $after: String) {\n    auditEventsByCorrelation(correlationId: $correlationId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          eventType\n          resourceId\n          correlationId\n          tenantId\n        }\n      }\n    }\n  }\n": types.AuditTestByCorrelationDocument,
    "\n  query AuditTestByResource($resourceType: ResourceType!, $resourceId: String!, $first: Int) {\n    auditEventsByResource(resourceType: $resourceType, resourceId: $resourceId, first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          eventType\n          outcome\n          tenantId\n        }\n      }\n    }\n  }\n": types.AuditTestByResourceDocument,
    "\n  query AuditTestAggregate($from: DateTime, $to: DateTime) {\n    auditAggregate(from: $from, to: $to) {\n      total\n      byActorType {\n        key\n        count\n      }\n      byEventType {\n        key\n        count\n      }\n      byResourceType {\n        key\n        count\n      }\n    }\n  }\n": types.AuditTestAggregateDocument,
    "\n  query AuditTestStats($from: DateTime, $to: DateTime) {\n    auditStatsByActor(from: $from, to: $to) {\n      actorId\n      actorType\n      successes\n      failures\n      total\n    }\n  }\n": types.AuditTestStatsDocument,
    "\n  subscription AuditTestRecorded($filter: AuditEventFilter) {\n    auditEventRecorded(filter: $filter) {\n      ...AuditEventFields\n    }\n  }\n": types.AuditTestRecordedDocument,
    "\n  mutation AuditTestLogEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      created\n    }\n  }\n": types.AuditTestLogEventsDocument,
    "\n  mutation AuditTestRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n    }\n  }\n": types.AuditTestRevokeApiKeyDocument,
    "\n  mutation LogEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      created\n      event {\n        id\n        type\n      }\n    }\n  }\n": types.LogEventsDocument,
    "\n  query Viewer {\n    viewer {\n      kind\n      tenantId\n      projectId\n      apiKeyId\n    }\n  }\n": types.ViewerDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": types.RevokeApiKeyDocument,
    "\n  query MyProjects {\n    tenant {\n      id\n      name\n    }\n    projects {\n      name\n    }\n  }\n": types.MyProjectsDocument,
    "\n  query ApiKeys($includeRevoked: Boolean) {\n    apiKeys(includeRevoked: $includeRevoked) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          revokedAt\n          lastUsedAt\n        }\n      }\n    }\n  }\n": types.ApiKeysDocument,
    "\n  mutation CreateTenant($name: String!) {\n    createTenant(name: $name) {\n      id\n      name\n    }\n  }\n": types.CreateTenantDocument,
    "\n  mutation CreateProject($name: String!, $tenantId: ID) {\n    createProject(name: $name, tenantId: $tenantId) {\n      id\n      name\n    }\n  }\n": types.CreateProjectDocument,
    "\n  mutation CreateApiKey($name: String!, $tenantId: ID, $projectId: ID, $actorType: ApiKeyActorType) {\n    createApiKey(name: $name, tenantId: $tenantId, projectId: $projectId, actorType: $actorType) {\n      secret\n      apiKey {\n        id\n        name\n        actorType\n        project {\n          id\n        }\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation LogEvent($input: LogEventInput!) {\n    logEvent(input: $input) {\n      created\n      event {\n        id\n        type\n        agentId\n        conversationId\n        messageId\n        properties\n        userProperties\n        metadata\n        serverMetadata\n        createdAt\n        updatedAt\n      }\n    }\n  }\n": types.LogEventDocument,
    "\n  query AppEvents($filter: AppEventFilter, $first: Int, $after: String) {\n    appEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          type\n          conversationId\n        }\n      }\n    }\n  }\n": types.AppEventsDocument,
    "\n  fragment AuditEventFields on AuditEvent {\n    id\n    eventType\n    actorType\n    actorId\n    resourceType\n    resourceId\n    tenantId\n    correlationId\n    causationId\n    outcome\n    payload\n    occurredAt\n  }\n": types.AuditEventFieldsFragmentDoc,
    "\n  query AuditEvents($filter: AuditEventFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...AuditEventFields\n        }\n      }\n    }\n  }\n": types.AuditEventsDocument,
    "\n  subscription AppEventLogged($filter: AppEventFilter) {\n    appEventLogged(filter: $filter) {\n      id\n      type\n      conversationId\n      createdAt\n    }\n  }\n": types.AppEventLoggedDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeepQuery {\n    apiKeys {\n      edges {\n        node {\n          project {\n            tenant {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DeepQuery {\n    apiKeys {\n      edges {\n        node {\n          project {\n            tenant {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EverythingVisible($auditId: ID!, $correlationId: String!, $resourceId: String!) {\n    viewer {\n      tenantId\n    }\n    tenant {\n      id\n    }\n    projects {\n      id\n    }\n    apiKeys {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    appEvents(first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    auditEvents(first: 100) {\n      totalCount\n      edges {\n        node {\n          tenantId\n          resourceId\n        }\n      }\n    }\n    auditEvent(id: $auditId) {\n      id\n    }\n    auditEventsByCorrelation(correlationId: $correlationId) {\n      totalCount\n    }\n    auditEventsByResource(resourceType: APP_EVENT, resourceId: $resourceId) {\n      totalCount\n    }\n    auditAggregate {\n      total\n      byEventType {\n        key\n      }\n    }\n    auditStatsByActor {\n      actorId\n    }\n  }\n"): (typeof documents)["\n  query EverythingVisible($auditId: ID!, $correlationId: String!, $resourceId: String!) {\n    viewer {\n      tenantId\n    }\n    tenant {\n      id\n    }\n    projects {\n      id\n    }\n    apiKeys {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    appEvents(first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    auditEvents(first: 100) {\n      totalCount\n      edges {\n        node {\n          tenantId\n          resourceId\n        }\n      }\n    }\n    auditEvent(id: $auditId) {\n      id\n    }\n    auditEventsByCorrelation(correlationId: $correlationId) {\n      totalCount\n    }\n    auditEventsByResource(resourceType: APP_EVENT, resourceId: $resourceId) {\n      totalCount\n    }\n    auditAggregate {\n      total\n      byEventType {\n        key\n      }\n    }\n    auditStatsByActor {\n      actorId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AuditEventRecordedAny {\n    auditEventRecorded {\n      tenantId\n      resourceId\n    }\n  }\n"): (typeof documents)["\n  subscription AuditEventRecordedAny {\n    auditEventRecorded {\n      tenantId\n      resourceId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AuditEventRecordedScaleOut {\n    auditEventRecorded {\n      eventType\n      resourceId\n      occurredAt\n    }\n  }\n"): (typeof documents)["\n  subscription AuditEventRecordedScaleOut {\n    auditEventRecorded {\n      eventType\n      resourceId\n      occurredAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ViewerTenant {\n    viewer {\n      tenantId\n    }\n  }\n"): (typeof documents)["\n  query ViewerTenant {\n    viewer {\n      tenantId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTestById($id: ID!) {\n    auditEvent(id: $id) {\n      ...AuditEventFields\n    }\n  }\n"): (typeof documents)["\n  query AuditTestById($id: ID!) {\n    auditEvent(id: $id) {\n      ...AuditEventFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTestByCorrelation($correlationId: String!, $first: Int, $after: String) {\n    auditEventsByCorrelation(correlationId: $correlationId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          eventType\n          resourceId\n          correlationId\n          tenantId\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditTestByCorrelation($correlationId: String!, $first: Int, $after: String) {\n    auditEventsByCorrelation(correlationId: $correlationId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          eventType\n          resourceId\n          correlationId\n          tenantId\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTestByResource($resourceType: ResourceType!, $resourceId: String!, $first: Int) {\n    auditEventsByResource(resourceType: $resourceType, resourceId: $resourceId, first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          eventType\n          outcome\n          tenantId\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditTestByResource($resourceType: ResourceType!, $resourceId: String!, $first: Int) {\n    auditEventsByResource(resourceType: $resourceType, resourceId: $resourceId, first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          eventType\n          outcome\n          tenantId\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTestAggregate($from: DateTime, $to: DateTime) {\n    auditAggregate(from: $from, to: $to) {\n      total\n      byActorType {\n        key\n        count\n      }\n      byEventType {\n        key\n        count\n      }\n      byResourceType {\n        key\n        count\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditTestAggregate($from: DateTime, $to: DateTime) {\n    auditAggregate(from: $from, to: $to) {\n      total\n      byActorType {\n        key\n        count\n      }\n      byEventType {\n        key\n        count\n      }\n      byResourceType {\n        key\n        count\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTestStats($from: DateTime, $to: DateTime) {\n    auditStatsByActor(from: $from, to: $to) {\n      actorId\n      actorType\n      successes\n      failures\n      total\n    }\n  }\n"): (typeof documents)["\n  query AuditTestStats($from: DateTime, $to: DateTime) {\n    auditStatsByActor(from: $from, to: $to) {\n      actorId\n      actorType\n      successes\n      failures\n      total\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AuditTestRecorded($filter: AuditEventFilter) {\n    auditEventRecorded(filter: $filter) {\n      ...AuditEventFields\n    }\n  }\n"): (typeof documents)["\n  subscription AuditTestRecorded($filter: AuditEventFilter) {\n    auditEventRecorded(filter: $filter) {\n      ...AuditEventFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuditTestLogEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      created\n    }\n  }\n"): (typeof documents)["\n  mutation AuditTestLogEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      created\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuditTestRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AuditTestRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      created\n      event {\n        id\n        type\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LogEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      created\n      event {\n        id\n        type\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      kind\n      tenantId\n      projectId\n      apiKeyId\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer {\n      kind\n      tenantId\n      projectId\n      apiKeyId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyProjects {\n    tenant {\n      id\n      name\n    }\n    projects {\n      name\n    }\n  }\n"): (typeof documents)["\n  query MyProjects {\n    tenant {\n      id\n      name\n    }\n    projects {\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys($includeRevoked: Boolean) {\n    apiKeys(includeRevoked: $includeRevoked) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          revokedAt\n          lastUsedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApiKeys($includeRevoked: Boolean) {\n    apiKeys(includeRevoked: $includeRevoked) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          revokedAt\n          lastUsedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTenant($name: String!) {\n    createTenant(name: $name) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation CreateTenant($name: String!) {\n    createTenant(name: $name) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateProject($name: String!, $tenantId: ID) {\n    createProject(name: $name, tenantId: $tenantId) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation CreateProject($name: String!, $tenantId: ID) {\n    createProject(name: $name, tenantId: $tenantId) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($name: String!, $tenantId: ID, $projectId: ID, $actorType: ApiKeyActorType) {\n    createApiKey(name: $name, tenantId: $tenantId, projectId: $projectId, actorType: $actorType) {\n      secret\n      apiKey {\n        id\n        name\n        actorType\n        project {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($name: String!, $tenantId: ID, $projectId: ID, $actorType: ApiKeyActorType) {\n    createApiKey(name: $name, tenantId: $tenantId, projectId: $projectId, actorType: $actorType) {\n      secret\n      apiKey {\n        id\n        name\n        actorType\n        project {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogEvent($input: LogEventInput!) {\n    logEvent(input: $input) {\n      created\n      event {\n        id\n        type\n        agentId\n        conversationId\n        messageId\n        properties\n        userProperties\n        metadata\n        serverMetadata\n        createdAt\n        updatedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LogEvent($input: LogEventInput!) {\n    logEvent(input: $input) {\n      created\n      event {\n        id\n        type\n        agentId\n        conversationId\n        messageId\n        properties\n        userProperties\n        metadata\n        serverMetadata\n        createdAt\n        updatedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppEvents($filter: AppEventFilter, $first: Int, $after: String) {\n    appEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          type\n          conversationId\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AppEvents($filter: AppEventFilter, $first: Int, $after: String) {\n    appEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          type\n          conversationId\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditEventFields on AuditEvent {\n    id\n    eventType\n    actorType\n    actorId\n    resourceType\n    resourceId\n    tenantId\n    correlationId\n    causationId\n    outcome\n    payload\n    occurredAt\n  }\n"): (typeof documents)["\n  fragment AuditEventFields on AuditEvent {\n    id\n    eventType\n    actorType\n    actorId\n    resourceType\n    resourceId\n    tenantId\n    correlationId\n    causationId\n    outcome\n    payload\n    occurredAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditEvents($filter: AuditEventFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...AuditEventFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditEvents($filter: AuditEventFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...AuditEventFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AppEventLogged($filter: AppEventFilter) {\n    appEventLogged(filter: $filter) {\n      id\n      type\n      conversationId\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  subscription AppEventLogged($filter: AppEventFilter) {\n    appEventLogged(filter: $filter) {\n      id\n      type\n      conversationId\n      createdAt\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;