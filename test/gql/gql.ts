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
    "\n  query CatalogueEventTypes {\n    webhookEventTypes {\n      name\n      description\n      aliases\n      resourceType\n      schema\n      example\n    }\n  }\n": typeof types.CatalogueEventTypesDocument,
    "\n  query CatalogueAuditTypes {\n    auditAggregate {\n      byEventType {\n        key\n        count\n      }\n    }\n    auditStatsByActor {\n      actorId\n      successes\n      failures\n    }\n  }\n": typeof types.CatalogueAuditTypesDocument,
    "\n  mutation CatalogueRevokeKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n    }\n  }\n": typeof types.CatalogueRevokeKeyDocument,
    "\n  mutation CatalogueCredential($name: String!) {\n    createCredential(name: $name) {\n      credential {\n        id\n      }\n    }\n  }\n": typeof types.CatalogueCredentialDocument,
    "\n  mutation CatalogueRotateCredential($id: ID!) {\n    rotateCredential(id: $id) {\n      secret\n    }\n  }\n": typeof types.CatalogueRotateCredentialDocument,
    "\n  mutation CatalogueDeleteCredential($id: ID!) {\n    deleteCredential(id: $id) {\n      id\n    }\n  }\n": typeof types.CatalogueDeleteCredentialDocument,
    "\n  query CatalogueChain($correlationId: String!) {\n    auditEventsByCorrelation(correlationId: $correlationId, first: 50) {\n      edges {\n        node {\n          id\n          eventType\n          causationId\n          cause {\n            id\n            eventType\n          }\n        }\n      }\n    }\n  }\n": typeof types.CatalogueChainDocument,
    "\n  mutation ConsoleTestChainAgent($runConfig: RunConfigInput) {\n    createAgent(name: \"refunds\") {\n      id\n    }\n    createAgentVersion(agentName: \"refunds\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n": typeof types.ConsoleTestChainAgentDocument,
    "\n  mutation ConsoleTestTrigger($agentId: ID!) {\n    createTrigger(agentId: $agentId, input: { id: \"orders\", name: \"Orders\" }) {\n      webhookUrl\n    }\n  }\n": typeof types.ConsoleTestTriggerDocument,
    "\n  mutation ConsoleTestChainEndpoint($url: String!) {\n    createWebhookEndpoint(input: { url: $url, eventTypes: [EXECUTION_COMPLETED] }) {\n      endpoint {\n        id\n      }\n    }\n  }\n": typeof types.ConsoleTestChainEndpointDocument,
    "\n  query ConsoleTestChain($correlationId: String!) {\n    auditEventsByCorrelation(correlationId: $correlationId, first: 100) {\n      edges {\n        node {\n          id\n          eventType\n          causationId\n        }\n      }\n    }\n  }\n": typeof types.ConsoleTestChainDocument,
    "\n  mutation ConsoleTestAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n": typeof types.ConsoleTestAgentDocument,
    "\n  mutation ConsoleTestVersion($agentName: String!, $runConfig: RunConfigInput) {\n    createAgentVersion(agentName: $agentName, name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n": typeof types.ConsoleTestVersionDocument,
    "\n  mutation ConsoleTestRun($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n": typeof types.ConsoleTestRunDocument,
    "\n  mutation ConsoleTestFingerprint {\n    createFingerprint(input: { language: \"python\", languageVersion: \"3.12\", system: \"linux\" }) {\n      fingerprint {\n        id\n      }\n    }\n  }\n": typeof types.ConsoleTestFingerprintDocument,
    "\n  mutation ConsoleTestLlmEvent($input: CreateLlmEventInput!) {\n    createLlmEvent(input: $input) {\n      id\n    }\n  }\n": typeof types.ConsoleTestLlmEventDocument,
    "\n  query ConsoleTestUsage($groupBy: [TelemetryUsageDimension!], $filter: LlmEventFilter) {\n    telemetryUsage(groupBy: $groupBy, filter: $filter) {\n      day\n      model\n      count\n      inputTokens\n      outputTokens\n      costUsd\n    }\n  }\n": typeof types.ConsoleTestUsageDocument,
    "\n  mutation ConsoleTestEndpoint($url: String!) {\n    createWebhookEndpoint(input: { url: $url, eventTypes: [EVENT_CREATED] }) {\n      endpoint {\n        id\n      }\n    }\n  }\n": typeof types.ConsoleTestEndpointDocument,
    "\n  mutation CreateFaultsAgent($runConfig: RunConfigInput!) {\n    createAgent(name: \"faults-bot\") {\n      id\n    }\n    createAgentVersion(agentName: \"faults-bot\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n": typeof types.CreateFaultsAgentDocument,
    "\n  query CountEvents {\n    appEvents(first: 1) {\n      totalCount\n    }\n  }\n": typeof types.CountEventsDocument,
    "\n  mutation ConvCreateProject {\n    createProject(name: \"conv-project\") {\n      id\n    }\n  }\n": typeof types.ConvCreateProjectDocument,
    "\n  mutation ConvLogEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      created\n    }\n  }\n": typeof types.ConvLogEventsDocument,
    "\n  mutation ConvCreateFingerprint {\n    createFingerprint(input: { language: \"python\", languageVersion: \"3.12\", system: \"linux\" }) {\n      fingerprint {\n        id\n      }\n    }\n  }\n": typeof types.ConvCreateFingerprintDocument,
    "\n  mutation ConvCreateLlmEvents($inputs: [CreateLlmEventInput!]!) {\n    createLlmEvents(inputs: $inputs) {\n      id\n    }\n  }\n": typeof types.ConvCreateLlmEventsDocument,
    "\n  mutation ConvCreateAgent($runConfig: RunConfigInput) {\n    createAgent(name: \"conv-bot\") {\n      id\n    }\n    createAgentVersion(agentName: \"conv-bot\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n": typeof types.ConvCreateAgentDocument,
    "\n  mutation ConvCreateCredential {\n    createCredential(name: \"conv-secret\") {\n      credential {\n        id\n      }\n    }\n  }\n": typeof types.ConvCreateCredentialDocument,
    "\n  mutation ConvCreateTrigger($agentId: ID!) {\n    createTrigger(\n      agentId: $agentId\n      input: {\n        id: \"conv-trigger\"\n        name: \"Conv\"\n        inputSchema: { type: \"object\", required: [\"n\"] }\n        messageTemplate: \"n is {{n}}\"\n      }\n    ) {\n      webhookUrl\n    }\n  }\n": typeof types.ConvCreateTriggerDocument,
    "\n  mutation ConvCreateEndpoint {\n    createWebhookEndpoint(input: { url: \"http://127.0.0.1:9/hook\", eventTypes: [EVENT_CREATED] }) {\n      endpoint {\n        id\n      }\n    }\n  }\n": typeof types.ConvCreateEndpointDocument,
    "\n  query ConvNodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      globalId\n    }\n  }\n": typeof types.ConvNodesDocument,
    "\n  query ConvNode($id: ID!) {\n    node(id: $id) {\n      globalId\n      ... on Execution {\n        id\n        status\n      }\n    }\n  }\n": typeof types.ConvNodeDocument,
    "\n  query ConvInvocation($id: ID!) {\n    triggerInvocation(id: $id) {\n      id\n      status\n      trigger {\n        id\n      }\n    }\n  }\n": typeof types.ConvInvocationDocument,
    "\n  query ConvInvocations(\n    $agentId: ID!\n    $status: TriggerInvocationStatus\n    $from: DateTime\n    $to: DateTime\n  ) {\n    trigger(agentId: $agentId, id: \"conv-trigger\") {\n      invocations(first: 100, status: $status, from: $from, to: $to) {\n        totalCount\n        edges {\n          node {\n            id\n            createdAt\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConvInvocationsDocument,
    "\n  query ConvActorTypes {\n    event: __type(name: \"AuditEvent\") {\n      fields {\n        name\n        type {\n          ofType {\n            name\n            kind\n          }\n        }\n      }\n    }\n    stats: __type(name: \"AuditActorStats\") {\n      fields {\n        name\n        type {\n          ofType {\n            name\n            kind\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConvActorTypesDocument,
    "\n  query ConvBadAppEvents($first: Int, $last: Int, $after: String) {\n    appEvents(first: $first, last: $last, after: $after) {\n      totalCount\n    }\n  }\n": typeof types.ConvBadAppEventsDocument,
    "\n  query ConvBadAuditEvents($first: Int, $last: Int) {\n    auditEvents(first: $first, last: $last) {\n      totalCount\n    }\n  }\n": typeof types.ConvBadAuditEventsDocument,
    "\n  query ConvBadLlmEvents($first: Int) {\n    llmEvents(first: $first) {\n      totalCount\n    }\n  }\n": typeof types.ConvBadLlmEventsDocument,
    "\n  query ConvBadExecutions($first: Int, $after: String) {\n    executions(first: $first, after: $after) {\n      totalCount\n    }\n  }\n": typeof types.ConvBadExecutionsDocument,
    "\n  query ConvBadTriggers($agentId: ID!, $first: Int, $invocations: Int) {\n    triggers(agentId: $agentId, first: $first) {\n      edges {\n        node {\n          invocations(first: $invocations) {\n            totalCount\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConvBadTriggersDocument,
    "\n  query ConvBadDeliveries($first: Int) {\n    webhookDeliveries(first: $first) {\n      totalCount\n    }\n  }\n": typeof types.ConvBadDeliveriesDocument,
    "\n  query ConvBadApiKeys($last: Int) {\n    apiKeys(last: $last) {\n      totalCount\n    }\n  }\n": typeof types.ConvBadApiKeysDocument,
    "\n  query ConvBadAgentEvents($first: Int) {\n    agent(name: \"conv-bot\") {\n      llmEvents(first: $first) {\n        totalCount\n      }\n    }\n  }\n": typeof types.ConvBadAgentEventsDocument,
    "\n  subscription ConvBadJournal($executionId: ID!, $after: Int) {\n    executionEvents(executionId: $executionId, after: $after) {\n      __typename\n    }\n  }\n": typeof types.ConvBadJournalDocument,
    "\n  query ConvAppEventPage($first: Int!) {\n    appEvents(first: $first) {\n      edges {\n        node {\n          globalId\n          id\n        }\n      }\n    }\n  }\n": typeof types.ConvAppEventPageDocument,
    "\n  query ConvAuditEventPage($first: Int!) {\n    auditEvents(first: $first) {\n      edges {\n        node {\n          globalId\n          actorType\n          resourceId\n        }\n      }\n    }\n  }\n": typeof types.ConvAuditEventPageDocument,
    "\n  query ConvLlmEventPage($first: Int!) {\n    llmEvents(first: $first) {\n      edges {\n        node {\n          id\n          agent {\n            name\n          }\n          agentVersion {\n            name\n          }\n          fingerprint {\n            id\n          }\n          person {\n            personId\n          }\n          session {\n            sessionId\n            person {\n              personId\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConvLlmEventPageDocument,
    "\n  query ConvExecutionPage($first: Int!) {\n    executions(first: $first) {\n      edges {\n        node {\n          id\n          agent {\n            name\n          }\n          agentVersion {\n            name\n          }\n          conversation {\n            conversationId\n          }\n          toolCalls {\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConvExecutionPageDocument,
    "\n  query ConvInvocationPage($agentId: ID!, $first: Int!) {\n    triggers(agentId: $agentId) {\n      edges {\n        node {\n          agent {\n            name\n          }\n          invocations(first: $first) {\n            edges {\n              node {\n                id\n                trigger {\n                  id\n                }\n                execution {\n                  id\n                  agent {\n                    name\n                  }\n                }\n                conversation {\n                  conversationId\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConvInvocationPageDocument,
    "\n  query ConvDeliveryPage($first: Int!) {\n    webhookDeliveries(first: $first) {\n      edges {\n        node {\n          id\n          endpoint {\n            url\n          }\n          attempts {\n            number\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConvDeliveryPageDocument,
    "\n  query ConvAgentNames {\n    agents {\n      name\n    }\n  }\n": typeof types.ConvAgentNamesDocument,
    "\n  query ConvAgentVersions {\n    agents {\n      name\n      version(name: \"v1\") {\n        name\n        agent {\n          name\n        }\n      }\n    }\n  }\n": typeof types.ConvAgentVersionsDocument,
    "\n  query ConvInvocationMessages($agentId: ID!, $after: String) {\n    trigger(agentId: $agentId, id: \"conv-trigger\") {\n      invocations(first: 2, status: SUCCESS) {\n        edges {\n          node {\n            conversation {\n              messages(first: 1, after: $after) {\n                edges {\n                  cursor\n                  node {\n                    role\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConvInvocationMessagesDocument,
    "\n  mutation CreateModelAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n": typeof types.CreateModelAgentDocument,
    "\n  mutation CreateModelVersion($agentName: String!, $name: String!, $runConfig: RunConfigInput) {\n    createAgentVersion(agentName: $agentName, name: $name, runConfig: $runConfig) {\n      id\n    }\n  }\n": typeof types.CreateModelVersionDocument,
    "\n  mutation UpdateModelVersion($agentName: String!, $name: String!, $changes: AgentChangesInput!) {\n    updateAgentVersion(agentName: $agentName, name: $name, changes: $changes) {\n      id\n    }\n  }\n": typeof types.UpdateModelVersionDocument,
    "\n  mutation CreateKindedCredential($name: String!, $secret: String, $kind: CredentialKind) {\n    createCredential(name: $name, secret: $secret, kind: $kind) {\n      secret\n      credential {\n        id\n        kind\n      }\n    }\n  }\n": typeof types.CreateKindedCredentialDocument,
    "\n  mutation DeleteKindedCredential($id: ID!) {\n    deleteCredential(id: $id) {\n      id\n    }\n  }\n": typeof types.DeleteKindedCredentialDocument,
    "\n  mutation RotateKindedCredential($id: ID!, $secret: String) {\n    rotateCredential(id: $id, secret: $secret) {\n      secret\n    }\n  }\n": typeof types.RotateKindedCredentialDocument,
    "\n  query CredentialKinds {\n    credentials {\n      id\n      kind\n    }\n  }\n": typeof types.CredentialKindsDocument,
    "\n  mutation CreateSignedTrigger($agentId: ID!, $input: CreateTriggerInput!) {\n    createTrigger(agentId: $agentId, input: $input) {\n      id\n    }\n  }\n": typeof types.CreateSignedTriggerDocument,
    "\n  mutation RunModelAgent($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n": typeof types.RunModelAgentDocument,
    "\n  query ModelRunState($id: ID!) {\n    execution(id: $id) {\n      status\n      error\n    }\n  }\n": typeof types.ModelRunStateDocument,
    "\n  mutation OutboundCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n": typeof types.OutboundCreateEndpointDocument,
    "\n  query OutboundDeliveries($filter: WebhookDeliveryFilter) {\n    webhookDeliveries(filter: $filter, first: 50) {\n      edges {\n        node {\n          status\n          attemptCount\n          attempts {\n            responseStatus\n            responseBody\n            error\n          }\n        }\n      }\n    }\n  }\n": typeof types.OutboundDeliveriesDocument,
    "\n  mutation OutboundLogEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      event {\n        id\n      }\n    }\n  }\n": typeof types.OutboundLogEventsDocument,
    "\n  mutation OutboundCreateAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n": typeof types.OutboundCreateAgentDocument,
    "\n  mutation OutboundCreateVersion($agentName: String!, $runConfig: RunConfigInput) {\n    createAgentVersion(agentName: $agentName, name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n": typeof types.OutboundCreateVersionDocument,
    "\n  mutation OutboundRun($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n": typeof types.OutboundRunDocument,
    "\n  query OutboundExecution($id: ID!) {\n    execution(id: $id) {\n      status\n      error\n      toolCalls {\n        name\n        result\n      }\n    }\n  }\n": typeof types.OutboundExecutionDocument,
    "\n  query StreamsViewer {\n    viewer {\n      kind\n    }\n  }\n": typeof types.StreamsViewerDocument,
    "\n  subscription ExecutionReplay($executionId: ID!) {\n    executionEvents(executionId: $executionId) {\n      __typename\n    }\n  }\n": typeof types.ExecutionReplayDocument,
    "\n  mutation StreamsFloodEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      created\n    }\n  }\n": typeof types.StreamsFloodEventsDocument,
    "\n  query TransportViewer {\n    viewer {\n      kind\n    }\n  }\n": typeof types.TransportViewerDocument,
    "\n  mutation CreateWebhookAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n": typeof types.CreateWebhookAgentDocument,
    "\n  mutation HostileAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n": typeof types.HostileAgentDocument,
    "\n  mutation HostileCredential($name: String!, $secret: String) {\n    createCredential(name: $name, secret: $secret) {\n      credential {\n        id\n      }\n    }\n  }\n": typeof types.HostileCredentialDocument,
    "\n  query BystanderTriggers($agentId: ID!) {\n    triggers(agentId: $agentId, first: 5) {\n      totalCount\n    }\n  }\n": typeof types.BystanderTriggersDocument,
    "\n  query DeepQuery {\n    apiKeys {\n      edges {\n        node {\n          project {\n            tenant {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.DeepQueryDocument,
    "\n  mutation RestErrorsCreateAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n": typeof types.RestErrorsCreateAgentDocument,
    "\n  mutation RestErrorsCreateVersion(\n    $agentName: String!\n    $name: String!\n    $runConfig: RunConfigInput\n  ) {\n    createAgentVersion(agentName: $agentName, name: $name, runConfig: $runConfig) {\n      id\n    }\n  }\n": typeof types.RestErrorsCreateVersionDocument,
    "\n  subscription RestErrorsExecutionEvents($executionId: ID!) {\n    executionEvents(executionId: $executionId) {\n      __typename\n    }\n  }\n": typeof types.RestErrorsExecutionEventsDocument,
    "\n  query EverythingVisible(\n    $auditId: ID!\n    $correlationId: String!\n    $resourceId: String!\n    $llmEventId: ID!\n    $executionId: ID!\n    $agentIdOfA: ID!\n  ) {\n    viewer {\n      tenantId\n    }\n    tenant {\n      id\n    }\n    projects {\n      id\n    }\n    apiKeys {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    appEvents(first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    auditEvents(first: 100) {\n      totalCount\n      edges {\n        node {\n          tenantId\n          resourceId\n        }\n      }\n    }\n    auditEvent(id: $auditId) {\n      id\n    }\n    auditEventsByCorrelation(correlationId: $correlationId) {\n      totalCount\n    }\n    auditEventsByResource(resourceType: APP_EVENT, resourceId: $resourceId) {\n      totalCount\n    }\n    auditAggregate {\n      total\n      byEventType {\n        key\n      }\n    }\n    auditStatsByActor {\n      actorId\n    }\n    llmEvents(first: 100) {\n      totalCount\n    }\n    llmEvent(id: $llmEventId) {\n      id\n    }\n    session(id: \"a-session\") {\n      sessionId\n    }\n    person(id: \"a-person\") {\n      personId\n    }\n    agent(name: \"a-agent\") {\n      name\n    }\n    agents {\n      name\n    }\n    telemetryUsage {\n      count\n    }\n    execution(id: $executionId) {\n      id\n    }\n    executions(first: 10) {\n      totalCount\n    }\n    conversation(id: \"a-conversation\") {\n      conversationId\n    }\n    triggers(agentId: $agentIdOfA) {\n      totalCount\n    }\n    trigger(agentId: $agentIdOfA, id: \"a-trigger\") {\n      id\n    }\n    credentials {\n      id\n    }\n    webhookEndpoints {\n      id\n    }\n    webhookDeliveries {\n      totalCount\n    }\n  }\n": typeof types.EverythingVisibleDocument,
    "\n  mutation CreateEndpointOfA {\n    createWebhookEndpoint(input: { url: \"http://127.0.0.1:9/hook\", eventTypes: [EVENT_CREATED] }) {\n      endpoint {\n        id\n      }\n    }\n  }\n": typeof types.CreateEndpointOfADocument,
    "\n  subscription DeliveriesOf($endpointId: ID!) {\n    webhookDeliveryUpdated(endpointId: $endpointId) {\n      id\n    }\n  }\n": typeof types.DeliveriesOfDocument,
    "\n  mutation CreateAgentOfA {\n    createAgent(name: \"a-trigger-agent\") {\n      id\n    }\n  }\n": typeof types.CreateAgentOfADocument,
    "\n  subscription TriggerInvocationsOf($agentId: ID!, $triggerId: String!) {\n    triggerInvocationUpdated(agentId: $agentId, triggerId: $triggerId) {\n      id\n    }\n  }\n": typeof types.TriggerInvocationsOfDocument,
    "\n  mutation CreateExecutionOfA {\n    createExecution(\n      input: { conversationId: \"a-conversation\", messages: [{ role: \"user\", content: \"secret\" }] }\n    ) {\n      id\n    }\n  }\n": typeof types.CreateExecutionOfADocument,
    "\n  subscription ExecutionEventsOf($executionId: ID!) {\n    executionEvents(executionId: $executionId) {\n      __typename\n    }\n  }\n": typeof types.ExecutionEventsOfDocument,
    "\n  subscription ExecutionUpdatedAny {\n    executionUpdated {\n      id\n    }\n  }\n": typeof types.ExecutionUpdatedAnyDocument,
    "\n  mutation RecordLlmEventOfA($fingerprintId: ID!) {\n    createLlmEvent(\n      input: {\n        fingerprintId: $fingerprintId\n        properties: {}\n        agent: \"a-agent\"\n        agentVersion: \"a-v1\"\n        person: \"a-person\"\n        session: \"a-session\"\n      }\n    ) {\n      id\n    }\n  }\n": typeof types.RecordLlmEventOfADocument,
    "\n  subscription LlmEventRecordedAny {\n    llmEventRecorded {\n      id\n    }\n  }\n": typeof types.LlmEventRecordedAnyDocument,
    "\n  subscription AuditEventRecordedAny {\n    auditEventRecorded {\n      tenantId\n      resourceId\n    }\n  }\n": typeof types.AuditEventRecordedAnyDocument,
    "\n  mutation CreateCrashAgent($runConfig: RunConfigInput!) {\n    createAgent(name: \"crash-bot\") {\n      id\n    }\n    createAgentVersion(agentName: \"crash-bot\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n": typeof types.CreateCrashAgentDocument,
    "\n  mutation CreateApprovalAgent($runConfig: RunConfigInput!) {\n    createAgent(name: \"scaled-bot\") {\n      id\n    }\n    createAgentVersion(agentName: \"scaled-bot\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n": typeof types.CreateApprovalAgentDocument,
    "\n  mutation StartScaledExecution($agentId: ID) {\n    createExecution(input: { agentId: $agentId, messages: [{ role: \"user\", content: \"go\" }] }) {\n      id\n    }\n  }\n": typeof types.StartScaledExecutionDocument,
    "\n  subscription ScaledEvents($executionId: ID!) {\n    executionEvents(executionId: $executionId) {\n      __typename\n      ... on ExecutionStatusChanged {\n        seq\n        status\n      }\n      ... on ExecutionTextDelta {\n        seq\n        text\n      }\n      ... on ExecutionApprovalRequested {\n        seq\n        toolCallId\n      }\n      ... on ExecutionApprovalDecided {\n        seq\n      }\n      ... on ExecutionToolResult {\n        seq\n      }\n      ... on ExecutionToolCallRequested {\n        seq\n      }\n      ... on ExecutionFinished {\n        seq\n        status\n      }\n    }\n  }\n": typeof types.ScaledEventsDocument,
    "\n  mutation ApproveScaled($executionId: ID!, $toolCallId: String!) {\n    approveToolCall(executionId: $executionId, toolCallId: $toolCallId, approved: true) {\n      success\n    }\n  }\n": typeof types.ApproveScaledDocument,
    "\n  mutation CreateLapsingAgent($runConfig: RunConfigInput!) {\n    createAgent(name: \"lapsing-bot\") {\n      id\n    }\n    createAgentVersion(agentName: \"lapsing-bot\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n": typeof types.CreateLapsingAgentDocument,
    "\n  mutation StartLapsingRun($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n": typeof types.StartLapsingRunDocument,
    "\n  query LapsingRunState($id: ID!) {\n    execution(id: $id) {\n      status\n    }\n  }\n": typeof types.LapsingRunStateDocument,
    "\n  subscription AuditEventRecordedScaleOut {\n    auditEventRecorded {\n      eventType\n      resourceId\n      occurredAt\n    }\n  }\n": typeof types.AuditEventRecordedScaleOutDocument,
    "\n  query ViewerTenant {\n    viewer {\n      tenantId\n    }\n  }\n": typeof types.ViewerTenantDocument,
    "\n  mutation RevokeApiKeyScaleOut($id: ID!) {\n    revokeApiKey(id: $id) {\n      revokedAt\n    }\n  }\n": typeof types.RevokeApiKeyScaleOutDocument,
    "\n  query AuditTestById($id: ID!) {\n    auditEvent(id: $id) {\n      ...AuditEventFields\n    }\n  }\n": typeof types.AuditTestByIdDocument,
    "\n  query AuditTestByCorrelation($correlationId: String!, $first: Int, $after: String) {\n    auditEventsByCorrelation(correlationId: $correlationId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          eventType\n          resourceId\n          correlationId\n          tenantId\n        }\n      }\n    }\n  }\n": typeof types.AuditTestByCorrelationDocument,
    "\n  query AuditTestByResource($resourceType: ResourceType!, $resourceId: String!, $first: Int) {\n    auditEventsByResource(resourceType: $resourceType, resourceId: $resourceId, first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          eventType\n          outcome\n          tenantId\n        }\n      }\n    }\n  }\n": typeof types.AuditTestByResourceDocument,
    "\n  query AuditTestAggregate($from: DateTime, $to: DateTime) {\n    auditAggregate(from: $from, to: $to) {\n      total\n      byActorType {\n        key\n        count\n      }\n      byEventType {\n        key\n        count\n      }\n      byResourceType {\n        key\n        count\n      }\n    }\n  }\n": typeof types.AuditTestAggregateDocument,
    "\n  query AuditTestStats($from: DateTime, $to: DateTime) {\n    auditStatsByActor(from: $from, to: $to) {\n      actorId\n      actorType\n      successes\n      failures\n      total\n    }\n  }\n": typeof types.AuditTestStatsDocument,
    "\n  subscription AuditTestRecorded($filter: AuditEventFilter) {\n    auditEventRecorded(filter: $filter) {\n      ...AuditEventFields\n    }\n  }\n": typeof types.AuditTestRecordedDocument,
    "\n  mutation AuditTestLogEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      created\n    }\n  }\n": typeof types.AuditTestLogEventsDocument,
    "\n  mutation AuditTestRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n    }\n  }\n": typeof types.AuditTestRevokeApiKeyDocument,
    "\n  mutation PipelineEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n": typeof types.PipelineEndpointDocument,
    "\n  mutation PipelineEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      created\n    }\n  }\n": typeof types.PipelineEventsDocument,
    "\n  query PipelineDeliveries($filter: WebhookDeliveryFilter) {\n    webhookDeliveries(filter: $filter, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          status\n          attempts {\n            number\n            responseStatus\n            nextAttemptAt\n          }\n        }\n      }\n    }\n  }\n": typeof types.PipelineDeliveriesDocument,
    "\n  query PipelineOutcomes($filter: AuditEventFilter) {\n    auditEvents(filter: $filter, first: 100) {\n      edges {\n        node {\n          resourceId\n          correlationId\n          cause {\n            eventType\n            correlationId\n          }\n        }\n      }\n    }\n  }\n": typeof types.PipelineOutcomesDocument,
    "\n  mutation CreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      endpoint {\n        id\n      }\n    }\n  }\n": typeof types.CreateEndpointDocument,
    "\n  query Deliveries($filter: WebhookDeliveryFilter) {\n    webhookDeliveries(filter: $filter, first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          messageId\n          eventType\n          status\n          attemptCount\n          nextAttemptAt\n          attempts {\n            number\n            trigger\n            responseStatus\n            error\n            nextAttemptAt\n          }\n        }\n      }\n    }\n  }\n": typeof types.DeliveriesDocument,
    "\n  query Endpoints {\n    webhookEndpoints {\n      id\n      enabled\n      disabledReason\n    }\n  }\n": typeof types.EndpointsDocument,
    "\n  mutation Redeliver($deliveryId: ID!) {\n    redeliver(deliveryId: $deliveryId) {\n      id\n    }\n  }\n": typeof types.RedeliverDocument,
    "\n  mutation Recover($endpointId: ID!, $since: DateTime!) {\n    recoverEndpoint(endpointId: $endpointId, since: $since)\n  }\n": typeof types.RecoverDocument,
    "\n  subscription DeliveryUpdates($endpointId: ID!) {\n    webhookDeliveryUpdated(endpointId: $endpointId) {\n      eventType\n      status\n      attemptCount\n    }\n  }\n": typeof types.DeliveryUpdatesDocument,
    "\n  mutation RotateEndpointSecret($id: ID!) {\n    rotateWebhookEndpointSecret(id: $id) {\n      secret\n    }\n  }\n": typeof types.RotateEndpointSecretDocument,
    "\n  mutation LogEventConcurrently($input: LogEventInput!) {\n    logEvent(input: $input) {\n      created\n      event {\n        id\n        type\n      }\n    }\n  }\n": typeof types.LogEventConcurrentlyDocument,
    "\n  mutation CreateBatchEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n": typeof types.CreateBatchEndpointDocument,
    "\n  query BatchDeliveries($filter: WebhookDeliveryFilter) {\n    webhookDeliveries(filter: $filter, first: 50) {\n      edges {\n        node {\n          eventType\n          payload\n        }\n      }\n    }\n  }\n": typeof types.BatchDeliveriesDocument,
    "\n  mutation LogEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      created\n      event {\n        id\n        type\n      }\n    }\n  }\n": typeof types.LogEventsDocument,
    "\n  mutation CreateVisibleRunAgent($runConfig: RunConfigInput!) {\n    createAgent(name: \"visible-bot\") {\n      id\n    }\n    createAgentVersion(agentName: \"visible-bot\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n": typeof types.CreateVisibleRunAgentDocument,
    "\n  mutation CreateVisibleRun($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateVisibleRunDocument,
    "\n  mutation ApproveVisibleRun($executionId: ID!, $toolCallId: String!) {\n    approveToolCall(executionId: $executionId, toolCallId: $toolCallId, approved: true) {\n      success\n    }\n  }\n": typeof types.ApproveVisibleRunDocument,
    "\n  subscription VisibleRunUpdates($filter: ExecutionFilter) {\n    executionUpdated(filter: $filter) {\n      id\n      status\n      journalLength\n    }\n  }\n": typeof types.VisibleRunUpdatesDocument,
    "\n  subscription VisibleRunJournal($executionId: ID!) {\n    executionEvents(executionId: $executionId) {\n      __typename\n      ... on ExecutionStatusChanged {\n        seq\n        status\n      }\n      ... on ExecutionTextDelta {\n        seq\n      }\n      ... on ExecutionToolCallRequested {\n        seq\n      }\n      ... on ExecutionApprovalRequested {\n        seq\n      }\n      ... on ExecutionApprovalDecided {\n        seq\n      }\n      ... on ExecutionToolResult {\n        seq\n      }\n      ... on ExecutionFinished {\n        seq\n      }\n    }\n  }\n": typeof types.VisibleRunJournalDocument,
    "\n  mutation CreateExecution($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n      status\n      correlationId\n      agent {\n        name\n      }\n      conversation {\n        conversationId\n      }\n    }\n  }\n": typeof types.CreateExecutionDocument,
    "\n  subscription ExecutionEvents($executionId: ID!, $after: Int) {\n    executionEvents(executionId: $executionId, after: $after) {\n      __typename\n      ... on ExecutionTextDelta {\n        seq\n        text\n      }\n      ... on ExecutionStatusChanged {\n        seq\n        status\n      }\n      ... on ExecutionToolCallRequested {\n        seq\n        toolCallId\n        name\n      }\n      ... on ExecutionApprovalRequested {\n        seq\n        toolCallId\n      }\n      ... on ExecutionApprovalDecided {\n        seq\n        approved\n        reason\n      }\n      ... on ExecutionToolResult {\n        seq\n        toolCallId\n        result\n        isError\n      }\n      ... on ExecutionFinished {\n        seq\n        status\n      }\n      ... on ExecutionStepRestarted {\n        seq\n      }\n      ... on ExecutionErrorOccurred {\n        seq\n      }\n    }\n  }\n": typeof types.ExecutionEventsDocument,
    "\n  query ExecutionState($id: ID!) {\n    execution(id: $id) {\n      status\n      journalLength\n      toolCalls {\n        toolCallId\n        status\n        approved\n        result\n      }\n      conversation {\n        messages {\n          edges {\n            node {\n              role\n              content\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ExecutionStateDocument,
    "\n  mutation CreateScriptedVersion($agentName: String!, $name: String!, $runConfig: RunConfigInput) {\n    createAgentVersion(agentName: $agentName, name: $name, runConfig: $runConfig) {\n      id\n      agent {\n        id\n      }\n    }\n  }\n": typeof types.CreateScriptedVersionDocument,
    "\n  mutation TypedRunConfigVersion($agentName: String!, $runConfig: RunConfigInput) {\n    createAgentVersion(agentName: $agentName, name: \"typed\", runConfig: $runConfig) {\n      runConfig {\n        provider {\n          type\n          turns {\n            text\n            delayMs\n            toolCalls {\n              name\n              arguments\n            }\n          }\n          model\n        }\n        systemPrompt\n        tools {\n          name\n          parameters\n          requiresApproval\n          executor {\n            type\n            url\n            name\n          }\n        }\n        forwardedHeaders\n        approvalTimeoutSeconds\n      }\n    }\n  }\n": typeof types.TypedRunConfigVersionDocument,
    "\n  mutation CreateAgentForRuns($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n": typeof types.CreateAgentForRunsDocument,
    "\n  mutation ApproveToolCall(\n    $executionId: ID!\n    $toolCallId: String!\n    $approved: Boolean!\n    $reason: String\n  ) {\n    approveToolCall(\n      executionId: $executionId\n      toolCallId: $toolCallId\n      approved: $approved\n      reason: $reason\n    ) {\n      success\n    }\n  }\n": typeof types.ApproveToolCallDocument,
    "\n  query AuditEventsByCorrelation($correlationId: String!) {\n    auditEventsByCorrelation(correlationId: $correlationId) {\n      edges {\n        node {\n          id\n          eventType\n          outcome\n          causationId\n        }\n      }\n    }\n  }\n": typeof types.AuditEventsByCorrelationDocument,
    "\n  query AgentLlmCalls($filter: LlmEventFilter) {\n    llmEvents(filter: $filter) {\n      edges {\n        node {\n          model\n          inputTokens\n          outputTokens\n          finishReason\n          costUsd\n        }\n      }\n    }\n  }\n": typeof types.AgentLlmCallsDocument,
    "\n  subscription ExecutionUpdated($filter: ExecutionFilter) {\n    executionUpdated(filter: $filter) {\n      id\n      status\n    }\n  }\n": typeof types.ExecutionUpdatedDocument,
    "\n  mutation CancelExecution($id: ID!) {\n    cancelExecution(id: $id) {\n      status\n    }\n  }\n": typeof types.CancelExecutionDocument,
    "\n  subscription AppEventLoggedProperties($filter: AppEventFilter) {\n    appEventLogged(filter: $filter) {\n      id\n      properties\n      createdAt\n    }\n  }\n": typeof types.AppEventLoggedPropertiesDocument,
    "\n  mutation CreateEchoAgent($runConfig: RunConfigInput!) {\n    createAgent(name: \"echo-keys\") {\n      id\n    }\n    createAgentVersion(agentName: \"echo-keys\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n": typeof types.CreateEchoAgentDocument,
    "\n  mutation RunEcho($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n": typeof types.RunEchoDocument,
    "\n  query EchoRunState($id: ID!) {\n    execution(id: $id) {\n      status\n      toolCalls {\n        result\n      }\n    }\n  }\n": typeof types.EchoRunStateDocument,
    "\n  mutation CreatePayloadsAgent {\n    createAgent(name: \"webhook-keys\") {\n      id\n    }\n  }\n": typeof types.CreatePayloadsAgentDocument,
    "\n  query RestClientsVersion($agentName: String!, $versionName: String!) {\n    agent(name: $agentName) {\n      id\n      version(name: $versionName) {\n        id\n        runConfig {\n          provider {\n            type\n          }\n          tools {\n            name\n            requiresApproval\n          }\n        }\n      }\n    }\n  }\n": typeof types.RestClientsVersionDocument,
    "\n  query RestClientsTriggerByName($agent: ID!, $id: String!) {\n    trigger(agentId: $agent, id: $id) {\n      id\n    }\n    triggers(agentId: $agent) {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.RestClientsTriggerByNameDocument,
    "\n  mutation RestClientsUpdateTriggerByName($agent: ID!, $id: String!) {\n    updateTrigger(agentId: $agent, id: $id, changes: { description: \"via the agent's name\" }) {\n      description\n    }\n  }\n": typeof types.RestClientsUpdateTriggerByNameDocument,
    "\n  mutation AnswersEcho {\n    createExecution(input: { messages: [{ role: \"user\", content: \"one two three\" }] }) {\n      id\n    }\n  }\n": typeof types.AnswersEchoDocument,
    "\n  subscription AnswersEventFeed {\n    appEventLogged {\n      properties\n      again: properties\n    }\n  }\n": typeof types.AnswersEventFeedDocument,
    "\n  mutation FanOutAgent($runConfig: RunConfigInput) {\n    createAgent(name: \"fan-out\") {\n      id\n    }\n    createAgentVersion(agentName: \"fan-out\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n": typeof types.FanOutAgentDocument,
    "\n  mutation FanOutRun($agentId: ID) {\n    createExecution(input: { agentId: $agentId, messages: [{ role: \"user\", content: \"go\" }] }) {\n      id\n    }\n  }\n": typeof types.FanOutRunDocument,
    "\n  mutation FanOutEcho {\n    createExecution(input: { messages: [{ role: \"user\", content: \"one two three four five\" }] }) {\n      id\n    }\n  }\n": typeof types.FanOutEchoDocument,
    "\n  mutation FanOutApprove($executionId: ID!) {\n    approveToolCall(executionId: $executionId, toolCallId: \"call_1_1\", approved: true) {\n      success\n    }\n  }\n": typeof types.FanOutApproveDocument,
    "\n  subscription SharedEventFeed {\n    appEventLogged {\n      type\n    }\n  }\n": typeof types.SharedEventFeedDocument,
    "\n  subscription SharedExecutionUpdates($filter: ExecutionFilter) {\n    executionUpdated(filter: $filter) {\n      status\n      agent {\n        name\n        version(name: \"v1\") {\n          name\n        }\n      }\n    }\n  }\n": typeof types.SharedExecutionUpdatesDocument,
    "\n  mutation SharedRunStart($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n": typeof types.SharedRunStartDocument,
    "\n  mutation CreateFingerprintId($input: CreateFingerprintInput!) {\n    createFingerprint(input: $input) {\n      fingerprint {\n        id\n      }\n    }\n  }\n": typeof types.CreateFingerprintIdDocument,
    "\n  mutation RecordLlmEvents($inputs: [CreateLlmEventInput!]!) {\n    createLlmEvents(inputs: $inputs) {\n      ...LlmEventFields\n      createdAt\n    }\n  }\n": typeof types.RecordLlmEventsDocument,
    "\n  query TelemetryUsage($groupBy: [TelemetryUsageDimension!], $filter: LlmEventFilter) {\n    telemetryUsage(groupBy: $groupBy, filter: $filter) {\n      agent\n      version\n      model\n      provider\n      person\n      day\n      count\n      inputTokens\n      outputTokens\n      cachedInputTokens\n      costUsd\n      unpricedCount\n      errorCount\n      errorRate\n      p50LatencyMs\n      p95LatencyMs\n    }\n  }\n": typeof types.TelemetryUsageDocument,
    "\n  query EventPage($first: Int) {\n    llmEvents(first: $first) {\n      edges {\n        node {\n          id\n          agent {\n            name\n          }\n          agentVersion {\n            name\n          }\n          person {\n            personId\n          }\n          session {\n            sessionId\n          }\n          fingerprint {\n            language\n          }\n        }\n      }\n    }\n  }\n": typeof types.EventPageDocument,
    "\n  mutation TelemetryRunAgent($name: String!, $runConfig: RunConfigInput) {\n    createAgent(name: $name) {\n      id\n    }\n    createAgentVersion(agentName: $name, name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n": typeof types.TelemetryRunAgentDocument,
    "\n  mutation TelemetryRunExecution($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n      correlationId\n    }\n  }\n": typeof types.TelemetryRunExecutionDocument,
    "\n  query TelemetryRunLlmEvents($filter: LlmEventFilter) {\n    llmEvents(filter: $filter) {\n      edges {\n        node {\n          id\n          provider\n          model\n          inputTokens\n          outputTokens\n          finishReason\n          latencyMs\n          costUsd\n          properties\n          toolCalls {\n            id\n            name\n          }\n          fingerprint {\n            system\n          }\n          agent {\n            name\n          }\n          agentVersion {\n            name\n          }\n          session {\n            sessionId\n          }\n        }\n      }\n    }\n  }\n": typeof types.TelemetryRunLlmEventsDocument,
    "\n  query TelemetryRunUsage($filter: LlmEventFilter) {\n    telemetryUsage(filter: $filter) {\n      count\n      inputTokens\n      outputTokens\n    }\n  }\n": typeof types.TelemetryRunUsageDocument,
    "\n  mutation RollupFingerprint($input: CreateFingerprintInput!) {\n    createFingerprint(input: $input) {\n      fingerprint {\n        id\n      }\n    }\n  }\n": typeof types.RollupFingerprintDocument,
    "\n  mutation RollupLlmEvents($inputs: [CreateLlmEventInput!]!) {\n    createLlmEvents(inputs: $inputs) {\n      id\n    }\n  }\n": typeof types.RollupLlmEventsDocument,
    "\n  query RollupUsage($groupBy: [TelemetryUsageDimension!], $filter: LlmEventFilter) {\n    telemetryUsage(groupBy: $groupBy, filter: $filter) {\n      agent\n      version\n      model\n      provider\n      person\n      day\n      count\n      inputTokens\n      outputTokens\n      cachedInputTokens\n      costUsd\n      unpricedCount\n      errorCount\n      p50LatencyMs\n      p95LatencyMs\n    }\n  }\n": typeof types.RollupUsageDocument,
    "\n  query RollupUsageLatencyFragments {\n    telemetryUsage(groupBy: [MODEL]) {\n      model\n      count\n      ...RollupUsageP95\n      ... on TelemetryUsageGroup {\n        median: p50LatencyMs\n      }\n    }\n  }\n  fragment RollupUsageP95 on TelemetryUsageGroup {\n    p95LatencyMs\n  }\n": typeof types.RollupUsageLatencyFragmentsDocument,
    "\n  query RollupUsageP95Only {\n    telemetryUsage(groupBy: [MODEL]) {\n      model\n      count\n      p95LatencyMs\n    }\n  }\n": typeof types.RollupUsageP95OnlyDocument,
    "\n  mutation TelemetryWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n": typeof types.TelemetryWebhookEndpointDocument,
    "\n  mutation CreateFingerprint($input: CreateFingerprintInput!) {\n    createFingerprint(input: $input) {\n      created\n      fingerprint {\n        id\n        language\n        allPackages\n      }\n    }\n  }\n": typeof types.CreateFingerprintDocument,
    "\n  mutation CreateLlmEvent($input: CreateLlmEventInput!) {\n    createLlmEvent(input: $input) {\n      ...LlmEventFields\n      agent {\n        name\n        number\n      }\n      agentVersion {\n        name\n        number\n      }\n      person {\n        personId\n      }\n      session {\n        sessionId\n      }\n    }\n  }\n": typeof types.CreateLlmEventDocument,
    "\n  query PersonWithSessions($id: String!) {\n    person(id: $id) {\n      personId\n      properties\n      sessions {\n        totalCount\n        edges {\n          node {\n            sessionId\n          }\n        }\n      }\n    }\n  }\n": typeof types.PersonWithSessionsDocument,
    "\n  mutation UpdatePerson($personId: String!, $properties: JSONObject!, $mode: PersonUpdateMode) {\n    updatePerson(personId: $personId, properties: $properties, mode: $mode) {\n      personId\n      properties\n    }\n  }\n": typeof types.UpdatePersonDocument,
    "\n  query SessionEvents($id: String!) {\n    session(id: $id) {\n      sessionId\n      person {\n        personId\n      }\n      events {\n        totalCount\n        edges {\n          node {\n            id\n            model\n          }\n        }\n      }\n    }\n  }\n": typeof types.SessionEventsDocument,
    "\n  query AgentWithVersions($name: String!) {\n    agent(name: $name) {\n      name\n      number\n      deprecatedAt\n      versions {\n        name\n        number\n        deprecatedAt\n      }\n    }\n  }\n": typeof types.AgentWithVersionsDocument,
    "\n  mutation UpdateAgentVersion($agentName: String!, $name: String!, $changes: AgentChangesInput!) {\n    updateAgentVersion(agentName: $agentName, name: $name, changes: $changes) {\n      name\n      deprecatedAt\n    }\n  }\n": typeof types.UpdateAgentVersionDocument,
    "\n  query LlmEvents($filter: LlmEventFilter, $first: Int) {\n    llmEvents(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          model\n        }\n      }\n    }\n  }\n": typeof types.LlmEventsDocument,
    "\n  subscription LlmEventRecorded($filter: LlmEventFilter) {\n    llmEventRecorded(filter: $filter) {\n      id\n      model\n      agent {\n        name\n      }\n    }\n  }\n": typeof types.LlmEventRecordedDocument,
    "\n  query Viewer {\n    viewer {\n      kind\n      tenantId\n      projectId\n      apiKeyId\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  query MyProjects {\n    tenant {\n      id\n      name\n    }\n    projects {\n      name\n    }\n  }\n": typeof types.MyProjectsDocument,
    "\n  query ApiKeys($includeRevoked: Boolean) {\n    apiKeys(includeRevoked: $includeRevoked) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          revokedAt\n          lastUsedAt\n        }\n      }\n    }\n  }\n": typeof types.ApiKeysDocument,
    "\n  mutation EventsAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n": typeof types.EventsAgentDocument,
    "\n  mutation EventsEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n": typeof types.EventsEndpointDocument,
    "\n  query EventsStats {\n    auditStatsByActor {\n      actorId\n      successes\n      failures\n    }\n  }\n": typeof types.EventsStatsDocument,
    "\n  query EventsChain($correlationId: String!) {\n    auditEventsByCorrelation(correlationId: $correlationId) {\n      edges {\n        node {\n          id\n          eventType\n          causationId\n          outcome\n        }\n      }\n    }\n  }\n": typeof types.EventsChainDocument,
    "\n  mutation StartsAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n": typeof types.StartsAgentDocument,
    "\n  query StartsChain($correlationId: String!) {\n    auditEventsByCorrelation(correlationId: $correlationId) {\n      edges {\n        node {\n          id\n          eventType\n          causationId\n          actorType\n        }\n      }\n    }\n  }\n": typeof types.StartsChainDocument,
    "\n  query StartsInvocation($agentId: ID!, $id: String!) {\n    trigger(agentId: $agentId, id: $id) {\n      invocations(first: 1) {\n        edges {\n          node {\n            id\n            status\n            execution {\n              id\n              status\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.StartsInvocationDocument,
    "\n  mutation CreateTriggerAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n": typeof types.CreateTriggerAgentDocument,
    "\n  mutation CreateSigningCredential($name: String!, $secret: String) {\n    createCredential(name: $name, secret: $secret) {\n      secret\n      credential {\n        id\n      }\n    }\n  }\n": typeof types.CreateSigningCredentialDocument,
    "\n  mutation RotateSigningCredential($id: ID!, $secret: String) {\n    rotateCredential(id: $id, secret: $secret) {\n      secret\n    }\n  }\n": typeof types.RotateSigningCredentialDocument,
    "\n  query ListCredentials {\n    credentials {\n      id\n      name\n      rotatedAt\n    }\n  }\n": typeof types.ListCredentialsDocument,
    "\n  mutation RerunInvocation($invocationId: ID!) {\n    rerunInvocation(invocationId: $invocationId) {\n      id\n      status\n      message\n      execution {\n        id\n      }\n    }\n  }\n": typeof types.RerunInvocationDocument,
    "\n  query TriggerWithInvocations($agentId: ID!, $id: String!) {\n    trigger(agentId: $agentId, id: $id) {\n      webhookUrl\n      invocations(first: 5) {\n        totalCount\n        edges {\n          node {\n            status\n            execution {\n              status\n            }\n            conversation {\n              conversationId\n              messages {\n                totalCount\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.TriggerWithInvocationsDocument,
    "\n  subscription InvocationUpdates($agentId: ID!, $triggerId: String!) {\n    triggerInvocationUpdated(agentId: $agentId, triggerId: $triggerId) {\n      id\n      status\n    }\n  }\n": typeof types.InvocationUpdatesDocument,
    "\n  mutation DeleteCredential($id: ID!) {\n    deleteCredential(id: $id) {\n      id\n    }\n  }\n": typeof types.DeleteCredentialDocument,
    "\n  query AuditChain($correlationId: String!) {\n    auditEventsByCorrelation(correlationId: $correlationId) {\n      edges {\n        node {\n          eventType\n          actorType\n        }\n      }\n    }\n  }\n": typeof types.AuditChainDocument,
    "\n  mutation RotateWebhookUrl($agentId: ID!, $id: String!) {\n    rotateTriggerWebhookUrl(agentId: $agentId, id: $id) {\n      id\n      webhookUrl\n      invocations(first: 10) {\n        totalCount\n      }\n    }\n  }\n": typeof types.RotateWebhookUrlDocument,
    "\n  query AgentExecutions($agentId: ID!) {\n    executions(filter: { agentId: $agentId }, first: 50) {\n      totalCount\n    }\n  }\n": typeof types.AgentExecutionsDocument,
    "\n  fragment TypedTriggerFields on Trigger {\n    id\n    webhookUrl\n    outputTransform {\n      expression\n      fields {\n        name\n        expression\n      }\n    }\n    authentication {\n      type\n      header\n      in\n      name\n      username\n    }\n    signatureVerification {\n      algorithm\n      encoding\n      signature {\n        source\n        key\n        prefix\n      }\n      signedComponents {\n        source\n        key\n        required\n      }\n      componentJoin {\n        strategy\n        separator\n      }\n      validation {\n        allowEmptyBody\n      }\n      secretEncoding\n      timestamp {\n        source\n        key\n        toleranceSeconds\n      }\n      deliveryId {\n        source\n      }\n    }\n  }\n": typeof types.TypedTriggerFieldsFragmentDoc,
    "\n  mutation TypedCreateTrigger($agentId: ID!, $input: CreateTriggerInput!) {\n    createTrigger(agentId: $agentId, input: $input) {\n      ...TypedTriggerFields\n    }\n  }\n": typeof types.TypedCreateTriggerDocument,
    "\n  mutation TypedUpdateTrigger($agentId: ID!, $id: String!, $changes: UpdateTriggerInput!) {\n    updateTrigger(agentId: $agentId, id: $id, changes: $changes) {\n      ...TypedTriggerFields\n    }\n  }\n": typeof types.TypedUpdateTriggerDocument,
    "\n  mutation MetricsCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n": typeof types.MetricsCreateEndpointDocument,
    "\n  mutation MetricsCreateExecution($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n": typeof types.MetricsCreateExecutionDocument,
    "\n  mutation MetricsCreateAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n": typeof types.MetricsCreateAgentDocument,
    "\n  mutation TracingCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n": typeof types.TracingCreateEndpointDocument,
    "\n  subscription BatchedExecutionUpdates($filter: ExecutionFilter) {\n    executionUpdated(filter: $filter) {\n      id\n      status\n      agent {\n        name\n      }\n    }\n  }\n": typeof types.BatchedExecutionUpdatesDocument,
    "\n  mutation BatchedStart($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n": typeof types.BatchedStartDocument,
    "\n  mutation CreateTenant($name: String!) {\n    createTenant(name: $name) {\n      id\n      name\n    }\n  }\n": typeof types.CreateTenantDocument,
    "\n  mutation CreateProject($name: String!, $tenantId: ID) {\n    createProject(name: $name, tenantId: $tenantId) {\n      id\n      name\n    }\n  }\n": typeof types.CreateProjectDocument,
    "\n  mutation CreateApiKey(\n    $name: String!\n    $tenantId: ID\n    $projectId: ID\n    $actorType: ApiKeyActorType\n  ) {\n    createApiKey(name: $name, tenantId: $tenantId, projectId: $projectId, actorType: $actorType) {\n      secret\n      apiKey {\n        id\n        name\n        actorType\n        project {\n          id\n        }\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation LogEvent($input: LogEventInput!) {\n    logEvent(input: $input) {\n      created\n      event {\n        id\n        type\n        agentId\n        conversationId\n        messageId\n        properties\n        userProperties\n        metadata\n        serverMetadata\n        createdAt\n        updatedAt\n      }\n    }\n  }\n": typeof types.LogEventDocument,
    "\n  query AppEvents($filter: AppEventFilter, $first: Int, $after: String) {\n    appEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          type\n          conversationId\n        }\n      }\n    }\n  }\n": typeof types.AppEventsDocument,
    "\n  fragment AuditEventFields on AuditEvent {\n    id\n    eventType\n    actorType\n    actorId\n    resourceType\n    resourceId\n    tenantId\n    correlationId\n    causationId\n    outcome\n    payload\n    occurredAt\n  }\n": typeof types.AuditEventFieldsFragmentDoc,
    "\n  query AuditEvents($filter: AuditEventFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...AuditEventFields\n        }\n      }\n    }\n  }\n": typeof types.AuditEventsDocument,
    "\n  subscription AppEventLogged($filter: AppEventFilter) {\n    appEventLogged(filter: $filter) {\n      id\n      type\n      conversationId\n      createdAt\n    }\n  }\n": typeof types.AppEventLoggedDocument,
    "\n  fragment LlmEventFields on LlmEvent {\n    id\n    provider\n    model\n    inputTokens\n    outputTokens\n    cachedInputTokens\n    toolCalls {\n      id\n      name\n      arguments\n    }\n    finishReason\n    error\n    latencyMs\n    costUsd\n  }\n": typeof types.LlmEventFieldsFragmentDoc,
};
const documents: Documents = {
    "\n  query CatalogueEventTypes {\n    webhookEventTypes {\n      name\n      description\n      aliases\n      resourceType\n      schema\n      example\n    }\n  }\n": types.CatalogueEventTypesDocument,
    "\n  query CatalogueAuditTypes {\n    auditAggregate {\n      byEventType {\n        key\n        count\n      }\n    }\n    auditStatsByActor {\n      actorId\n      successes\n      failures\n    }\n  }\n": types.CatalogueAuditTypesDocument,
    "\n  mutation CatalogueRevokeKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n    }\n  }\n": types.CatalogueRevokeKeyDocument,
    "\n  mutation CatalogueCredential($name: String!) {\n    createCredential(name: $name) {\n      credential {\n        id\n      }\n    }\n  }\n": types.CatalogueCredentialDocument,
    "\n  mutation CatalogueRotateCredential($id: ID!) {\n    rotateCredential(id: $id) {\n      secret\n    }\n  }\n": types.CatalogueRotateCredentialDocument,
    "\n  mutation CatalogueDeleteCredential($id: ID!) {\n    deleteCredential(id: $id) {\n      id\n    }\n  }\n": types.CatalogueDeleteCredentialDocument,
    "\n  query CatalogueChain($correlationId: String!) {\n    auditEventsByCorrelation(correlationId: $correlationId, first: 50) {\n      edges {\n        node {\n          id\n          eventType\n          causationId\n          cause {\n            id\n            eventType\n          }\n        }\n      }\n    }\n  }\n": types.CatalogueChainDocument,
    "\n  mutation ConsoleTestChainAgent($runConfig: RunConfigInput) {\n    createAgent(name: \"refunds\") {\n      id\n    }\n    createAgentVersion(agentName: \"refunds\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n": types.ConsoleTestChainAgentDocument,
    "\n  mutation ConsoleTestTrigger($agentId: ID!) {\n    createTrigger(agentId: $agentId, input: { id: \"orders\", name: \"Orders\" }) {\n      webhookUrl\n    }\n  }\n": types.ConsoleTestTriggerDocument,
    "\n  mutation ConsoleTestChainEndpoint($url: String!) {\n    createWebhookEndpoint(input: { url: $url, eventTypes: [EXECUTION_COMPLETED] }) {\n      endpoint {\n        id\n      }\n    }\n  }\n": types.ConsoleTestChainEndpointDocument,
    "\n  query ConsoleTestChain($correlationId: String!) {\n    auditEventsByCorrelation(correlationId: $correlationId, first: 100) {\n      edges {\n        node {\n          id\n          eventType\n          causationId\n        }\n      }\n    }\n  }\n": types.ConsoleTestChainDocument,
    "\n  mutation ConsoleTestAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n": types.ConsoleTestAgentDocument,
    "\n  mutation ConsoleTestVersion($agentName: String!, $runConfig: RunConfigInput) {\n    createAgentVersion(agentName: $agentName, name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n": types.ConsoleTestVersionDocument,
    "\n  mutation ConsoleTestRun($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n": types.ConsoleTestRunDocument,
    "\n  mutation ConsoleTestFingerprint {\n    createFingerprint(input: { language: \"python\", languageVersion: \"3.12\", system: \"linux\" }) {\n      fingerprint {\n        id\n      }\n    }\n  }\n": types.ConsoleTestFingerprintDocument,
    "\n  mutation ConsoleTestLlmEvent($input: CreateLlmEventInput!) {\n    createLlmEvent(input: $input) {\n      id\n    }\n  }\n": types.ConsoleTestLlmEventDocument,
    "\n  query ConsoleTestUsage($groupBy: [TelemetryUsageDimension!], $filter: LlmEventFilter) {\n    telemetryUsage(groupBy: $groupBy, filter: $filter) {\n      day\n      model\n      count\n      inputTokens\n      outputTokens\n      costUsd\n    }\n  }\n": types.ConsoleTestUsageDocument,
    "\n  mutation ConsoleTestEndpoint($url: String!) {\n    createWebhookEndpoint(input: { url: $url, eventTypes: [EVENT_CREATED] }) {\n      endpoint {\n        id\n      }\n    }\n  }\n": types.ConsoleTestEndpointDocument,
    "\n  mutation CreateFaultsAgent($runConfig: RunConfigInput!) {\n    createAgent(name: \"faults-bot\") {\n      id\n    }\n    createAgentVersion(agentName: \"faults-bot\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n": types.CreateFaultsAgentDocument,
    "\n  query CountEvents {\n    appEvents(first: 1) {\n      totalCount\n    }\n  }\n": types.CountEventsDocument,
    "\n  mutation ConvCreateProject {\n    createProject(name: \"conv-project\") {\n      id\n    }\n  }\n": types.ConvCreateProjectDocument,
    "\n  mutation ConvLogEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      created\n    }\n  }\n": types.ConvLogEventsDocument,
    "\n  mutation ConvCreateFingerprint {\n    createFingerprint(input: { language: \"python\", languageVersion: \"3.12\", system: \"linux\" }) {\n      fingerprint {\n        id\n      }\n    }\n  }\n": types.ConvCreateFingerprintDocument,
    "\n  mutation ConvCreateLlmEvents($inputs: [CreateLlmEventInput!]!) {\n    createLlmEvents(inputs: $inputs) {\n      id\n    }\n  }\n": types.ConvCreateLlmEventsDocument,
    "\n  mutation ConvCreateAgent($runConfig: RunConfigInput) {\n    createAgent(name: \"conv-bot\") {\n      id\n    }\n    createAgentVersion(agentName: \"conv-bot\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n": types.ConvCreateAgentDocument,
    "\n  mutation ConvCreateCredential {\n    createCredential(name: \"conv-secret\") {\n      credential {\n        id\n      }\n    }\n  }\n": types.ConvCreateCredentialDocument,
    "\n  mutation ConvCreateTrigger($agentId: ID!) {\n    createTrigger(\n      agentId: $agentId\n      input: {\n        id: \"conv-trigger\"\n        name: \"Conv\"\n        inputSchema: { type: \"object\", required: [\"n\"] }\n        messageTemplate: \"n is {{n}}\"\n      }\n    ) {\n      webhookUrl\n    }\n  }\n": types.ConvCreateTriggerDocument,
    "\n  mutation ConvCreateEndpoint {\n    createWebhookEndpoint(input: { url: \"http://127.0.0.1:9/hook\", eventTypes: [EVENT_CREATED] }) {\n      endpoint {\n        id\n      }\n    }\n  }\n": types.ConvCreateEndpointDocument,
    "\n  query ConvNodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      globalId\n    }\n  }\n": types.ConvNodesDocument,
    "\n  query ConvNode($id: ID!) {\n    node(id: $id) {\n      globalId\n      ... on Execution {\n        id\n        status\n      }\n    }\n  }\n": types.ConvNodeDocument,
    "\n  query ConvInvocation($id: ID!) {\n    triggerInvocation(id: $id) {\n      id\n      status\n      trigger {\n        id\n      }\n    }\n  }\n": types.ConvInvocationDocument,
    "\n  query ConvInvocations(\n    $agentId: ID!\n    $status: TriggerInvocationStatus\n    $from: DateTime\n    $to: DateTime\n  ) {\n    trigger(agentId: $agentId, id: \"conv-trigger\") {\n      invocations(first: 100, status: $status, from: $from, to: $to) {\n        totalCount\n        edges {\n          node {\n            id\n            createdAt\n          }\n        }\n      }\n    }\n  }\n": types.ConvInvocationsDocument,
    "\n  query ConvActorTypes {\n    event: __type(name: \"AuditEvent\") {\n      fields {\n        name\n        type {\n          ofType {\n            name\n            kind\n          }\n        }\n      }\n    }\n    stats: __type(name: \"AuditActorStats\") {\n      fields {\n        name\n        type {\n          ofType {\n            name\n            kind\n          }\n        }\n      }\n    }\n  }\n": types.ConvActorTypesDocument,
    "\n  query ConvBadAppEvents($first: Int, $last: Int, $after: String) {\n    appEvents(first: $first, last: $last, after: $after) {\n      totalCount\n    }\n  }\n": types.ConvBadAppEventsDocument,
    "\n  query ConvBadAuditEvents($first: Int, $last: Int) {\n    auditEvents(first: $first, last: $last) {\n      totalCount\n    }\n  }\n": types.ConvBadAuditEventsDocument,
    "\n  query ConvBadLlmEvents($first: Int) {\n    llmEvents(first: $first) {\n      totalCount\n    }\n  }\n": types.ConvBadLlmEventsDocument,
    "\n  query ConvBadExecutions($first: Int, $after: String) {\n    executions(first: $first, after: $after) {\n      totalCount\n    }\n  }\n": types.ConvBadExecutionsDocument,
    "\n  query ConvBadTriggers($agentId: ID!, $first: Int, $invocations: Int) {\n    triggers(agentId: $agentId, first: $first) {\n      edges {\n        node {\n          invocations(first: $invocations) {\n            totalCount\n          }\n        }\n      }\n    }\n  }\n": types.ConvBadTriggersDocument,
    "\n  query ConvBadDeliveries($first: Int) {\n    webhookDeliveries(first: $first) {\n      totalCount\n    }\n  }\n": types.ConvBadDeliveriesDocument,
    "\n  query ConvBadApiKeys($last: Int) {\n    apiKeys(last: $last) {\n      totalCount\n    }\n  }\n": types.ConvBadApiKeysDocument,
    "\n  query ConvBadAgentEvents($first: Int) {\n    agent(name: \"conv-bot\") {\n      llmEvents(first: $first) {\n        totalCount\n      }\n    }\n  }\n": types.ConvBadAgentEventsDocument,
    "\n  subscription ConvBadJournal($executionId: ID!, $after: Int) {\n    executionEvents(executionId: $executionId, after: $after) {\n      __typename\n    }\n  }\n": types.ConvBadJournalDocument,
    "\n  query ConvAppEventPage($first: Int!) {\n    appEvents(first: $first) {\n      edges {\n        node {\n          globalId\n          id\n        }\n      }\n    }\n  }\n": types.ConvAppEventPageDocument,
    "\n  query ConvAuditEventPage($first: Int!) {\n    auditEvents(first: $first) {\n      edges {\n        node {\n          globalId\n          actorType\n          resourceId\n        }\n      }\n    }\n  }\n": types.ConvAuditEventPageDocument,
    "\n  query ConvLlmEventPage($first: Int!) {\n    llmEvents(first: $first) {\n      edges {\n        node {\n          id\n          agent {\n            name\n          }\n          agentVersion {\n            name\n          }\n          fingerprint {\n            id\n          }\n          person {\n            personId\n          }\n          session {\n            sessionId\n            person {\n              personId\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ConvLlmEventPageDocument,
    "\n  query ConvExecutionPage($first: Int!) {\n    executions(first: $first) {\n      edges {\n        node {\n          id\n          agent {\n            name\n          }\n          agentVersion {\n            name\n          }\n          conversation {\n            conversationId\n          }\n          toolCalls {\n            name\n          }\n        }\n      }\n    }\n  }\n": types.ConvExecutionPageDocument,
    "\n  query ConvInvocationPage($agentId: ID!, $first: Int!) {\n    triggers(agentId: $agentId) {\n      edges {\n        node {\n          agent {\n            name\n          }\n          invocations(first: $first) {\n            edges {\n              node {\n                id\n                trigger {\n                  id\n                }\n                execution {\n                  id\n                  agent {\n                    name\n                  }\n                }\n                conversation {\n                  conversationId\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ConvInvocationPageDocument,
    "\n  query ConvDeliveryPage($first: Int!) {\n    webhookDeliveries(first: $first) {\n      edges {\n        node {\n          id\n          endpoint {\n            url\n          }\n          attempts {\n            number\n          }\n        }\n      }\n    }\n  }\n": types.ConvDeliveryPageDocument,
    "\n  query ConvAgentNames {\n    agents {\n      name\n    }\n  }\n": types.ConvAgentNamesDocument,
    "\n  query ConvAgentVersions {\n    agents {\n      name\n      version(name: \"v1\") {\n        name\n        agent {\n          name\n        }\n      }\n    }\n  }\n": types.ConvAgentVersionsDocument,
    "\n  query ConvInvocationMessages($agentId: ID!, $after: String) {\n    trigger(agentId: $agentId, id: \"conv-trigger\") {\n      invocations(first: 2, status: SUCCESS) {\n        edges {\n          node {\n            conversation {\n              messages(first: 1, after: $after) {\n                edges {\n                  cursor\n                  node {\n                    role\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ConvInvocationMessagesDocument,
    "\n  mutation CreateModelAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n": types.CreateModelAgentDocument,
    "\n  mutation CreateModelVersion($agentName: String!, $name: String!, $runConfig: RunConfigInput) {\n    createAgentVersion(agentName: $agentName, name: $name, runConfig: $runConfig) {\n      id\n    }\n  }\n": types.CreateModelVersionDocument,
    "\n  mutation UpdateModelVersion($agentName: String!, $name: String!, $changes: AgentChangesInput!) {\n    updateAgentVersion(agentName: $agentName, name: $name, changes: $changes) {\n      id\n    }\n  }\n": types.UpdateModelVersionDocument,
    "\n  mutation CreateKindedCredential($name: String!, $secret: String, $kind: CredentialKind) {\n    createCredential(name: $name, secret: $secret, kind: $kind) {\n      secret\n      credential {\n        id\n        kind\n      }\n    }\n  }\n": types.CreateKindedCredentialDocument,
    "\n  mutation DeleteKindedCredential($id: ID!) {\n    deleteCredential(id: $id) {\n      id\n    }\n  }\n": types.DeleteKindedCredentialDocument,
    "\n  mutation RotateKindedCredential($id: ID!, $secret: String) {\n    rotateCredential(id: $id, secret: $secret) {\n      secret\n    }\n  }\n": types.RotateKindedCredentialDocument,
    "\n  query CredentialKinds {\n    credentials {\n      id\n      kind\n    }\n  }\n": types.CredentialKindsDocument,
    "\n  mutation CreateSignedTrigger($agentId: ID!, $input: CreateTriggerInput!) {\n    createTrigger(agentId: $agentId, input: $input) {\n      id\n    }\n  }\n": types.CreateSignedTriggerDocument,
    "\n  mutation RunModelAgent($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n": types.RunModelAgentDocument,
    "\n  query ModelRunState($id: ID!) {\n    execution(id: $id) {\n      status\n      error\n    }\n  }\n": types.ModelRunStateDocument,
    "\n  mutation OutboundCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n": types.OutboundCreateEndpointDocument,
    "\n  query OutboundDeliveries($filter: WebhookDeliveryFilter) {\n    webhookDeliveries(filter: $filter, first: 50) {\n      edges {\n        node {\n          status\n          attemptCount\n          attempts {\n            responseStatus\n            responseBody\n            error\n          }\n        }\n      }\n    }\n  }\n": types.OutboundDeliveriesDocument,
    "\n  mutation OutboundLogEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      event {\n        id\n      }\n    }\n  }\n": types.OutboundLogEventsDocument,
    "\n  mutation OutboundCreateAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n": types.OutboundCreateAgentDocument,
    "\n  mutation OutboundCreateVersion($agentName: String!, $runConfig: RunConfigInput) {\n    createAgentVersion(agentName: $agentName, name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n": types.OutboundCreateVersionDocument,
    "\n  mutation OutboundRun($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n": types.OutboundRunDocument,
    "\n  query OutboundExecution($id: ID!) {\n    execution(id: $id) {\n      status\n      error\n      toolCalls {\n        name\n        result\n      }\n    }\n  }\n": types.OutboundExecutionDocument,
    "\n  query StreamsViewer {\n    viewer {\n      kind\n    }\n  }\n": types.StreamsViewerDocument,
    "\n  subscription ExecutionReplay($executionId: ID!) {\n    executionEvents(executionId: $executionId) {\n      __typename\n    }\n  }\n": types.ExecutionReplayDocument,
    "\n  mutation StreamsFloodEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      created\n    }\n  }\n": types.StreamsFloodEventsDocument,
    "\n  query TransportViewer {\n    viewer {\n      kind\n    }\n  }\n": types.TransportViewerDocument,
    "\n  mutation CreateWebhookAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n": types.CreateWebhookAgentDocument,
    "\n  mutation HostileAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n": types.HostileAgentDocument,
    "\n  mutation HostileCredential($name: String!, $secret: String) {\n    createCredential(name: $name, secret: $secret) {\n      credential {\n        id\n      }\n    }\n  }\n": types.HostileCredentialDocument,
    "\n  query BystanderTriggers($agentId: ID!) {\n    triggers(agentId: $agentId, first: 5) {\n      totalCount\n    }\n  }\n": types.BystanderTriggersDocument,
    "\n  query DeepQuery {\n    apiKeys {\n      edges {\n        node {\n          project {\n            tenant {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n": types.DeepQueryDocument,
    "\n  mutation RestErrorsCreateAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n": types.RestErrorsCreateAgentDocument,
    "\n  mutation RestErrorsCreateVersion(\n    $agentName: String!\n    $name: String!\n    $runConfig: RunConfigInput\n  ) {\n    createAgentVersion(agentName: $agentName, name: $name, runConfig: $runConfig) {\n      id\n    }\n  }\n": types.RestErrorsCreateVersionDocument,
    "\n  subscription RestErrorsExecutionEvents($executionId: ID!) {\n    executionEvents(executionId: $executionId) {\n      __typename\n    }\n  }\n": types.RestErrorsExecutionEventsDocument,
    "\n  query EverythingVisible(\n    $auditId: ID!\n    $correlationId: String!\n    $resourceId: String!\n    $llmEventId: ID!\n    $executionId: ID!\n    $agentIdOfA: ID!\n  ) {\n    viewer {\n      tenantId\n    }\n    tenant {\n      id\n    }\n    projects {\n      id\n    }\n    apiKeys {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    appEvents(first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    auditEvents(first: 100) {\n      totalCount\n      edges {\n        node {\n          tenantId\n          resourceId\n        }\n      }\n    }\n    auditEvent(id: $auditId) {\n      id\n    }\n    auditEventsByCorrelation(correlationId: $correlationId) {\n      totalCount\n    }\n    auditEventsByResource(resourceType: APP_EVENT, resourceId: $resourceId) {\n      totalCount\n    }\n    auditAggregate {\n      total\n      byEventType {\n        key\n      }\n    }\n    auditStatsByActor {\n      actorId\n    }\n    llmEvents(first: 100) {\n      totalCount\n    }\n    llmEvent(id: $llmEventId) {\n      id\n    }\n    session(id: \"a-session\") {\n      sessionId\n    }\n    person(id: \"a-person\") {\n      personId\n    }\n    agent(name: \"a-agent\") {\n      name\n    }\n    agents {\n      name\n    }\n    telemetryUsage {\n      count\n    }\n    execution(id: $executionId) {\n      id\n    }\n    executions(first: 10) {\n      totalCount\n    }\n    conversation(id: \"a-conversation\") {\n      conversationId\n    }\n    triggers(agentId: $agentIdOfA) {\n      totalCount\n    }\n    trigger(agentId: $agentIdOfA, id: \"a-trigger\") {\n      id\n    }\n    credentials {\n      id\n    }\n    webhookEndpoints {\n      id\n    }\n    webhookDeliveries {\n      totalCount\n    }\n  }\n": types.EverythingVisibleDocument,
    "\n  mutation CreateEndpointOfA {\n    createWebhookEndpoint(input: { url: \"http://127.0.0.1:9/hook\", eventTypes: [EVENT_CREATED] }) {\n      endpoint {\n        id\n      }\n    }\n  }\n": types.CreateEndpointOfADocument,
    "\n  subscription DeliveriesOf($endpointId: ID!) {\n    webhookDeliveryUpdated(endpointId: $endpointId) {\n      id\n    }\n  }\n": types.DeliveriesOfDocument,
    "\n  mutation CreateAgentOfA {\n    createAgent(name: \"a-trigger-agent\") {\n      id\n    }\n  }\n": types.CreateAgentOfADocument,
    "\n  subscription TriggerInvocationsOf($agentId: ID!, $triggerId: String!) {\n    triggerInvocationUpdated(agentId: $agentId, triggerId: $triggerId) {\n      id\n    }\n  }\n": types.TriggerInvocationsOfDocument,
    "\n  mutation CreateExecutionOfA {\n    createExecution(\n      input: { conversationId: \"a-conversation\", messages: [{ role: \"user\", content: \"secret\" }] }\n    ) {\n      id\n    }\n  }\n": types.CreateExecutionOfADocument,
    "\n  subscription ExecutionEventsOf($executionId: ID!) {\n    executionEvents(executionId: $executionId) {\n      __typename\n    }\n  }\n": types.ExecutionEventsOfDocument,
    "\n  subscription ExecutionUpdatedAny {\n    executionUpdated {\n      id\n    }\n  }\n": types.ExecutionUpdatedAnyDocument,
    "\n  mutation RecordLlmEventOfA($fingerprintId: ID!) {\n    createLlmEvent(\n      input: {\n        fingerprintId: $fingerprintId\n        properties: {}\n        agent: \"a-agent\"\n        agentVersion: \"a-v1\"\n        person: \"a-person\"\n        session: \"a-session\"\n      }\n    ) {\n      id\n    }\n  }\n": types.RecordLlmEventOfADocument,
    "\n  subscription LlmEventRecordedAny {\n    llmEventRecorded {\n      id\n    }\n  }\n": types.LlmEventRecordedAnyDocument,
    "\n  subscription AuditEventRecordedAny {\n    auditEventRecorded {\n      tenantId\n      resourceId\n    }\n  }\n": types.AuditEventRecordedAnyDocument,
    "\n  mutation CreateCrashAgent($runConfig: RunConfigInput!) {\n    createAgent(name: \"crash-bot\") {\n      id\n    }\n    createAgentVersion(agentName: \"crash-bot\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n": types.CreateCrashAgentDocument,
    "\n  mutation CreateApprovalAgent($runConfig: RunConfigInput!) {\n    createAgent(name: \"scaled-bot\") {\n      id\n    }\n    createAgentVersion(agentName: \"scaled-bot\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n": types.CreateApprovalAgentDocument,
    "\n  mutation StartScaledExecution($agentId: ID) {\n    createExecution(input: { agentId: $agentId, messages: [{ role: \"user\", content: \"go\" }] }) {\n      id\n    }\n  }\n": types.StartScaledExecutionDocument,
    "\n  subscription ScaledEvents($executionId: ID!) {\n    executionEvents(executionId: $executionId) {\n      __typename\n      ... on ExecutionStatusChanged {\n        seq\n        status\n      }\n      ... on ExecutionTextDelta {\n        seq\n        text\n      }\n      ... on ExecutionApprovalRequested {\n        seq\n        toolCallId\n      }\n      ... on ExecutionApprovalDecided {\n        seq\n      }\n      ... on ExecutionToolResult {\n        seq\n      }\n      ... on ExecutionToolCallRequested {\n        seq\n      }\n      ... on ExecutionFinished {\n        seq\n        status\n      }\n    }\n  }\n": types.ScaledEventsDocument,
    "\n  mutation ApproveScaled($executionId: ID!, $toolCallId: String!) {\n    approveToolCall(executionId: $executionId, toolCallId: $toolCallId, approved: true) {\n      success\n    }\n  }\n": types.ApproveScaledDocument,
    "\n  mutation CreateLapsingAgent($runConfig: RunConfigInput!) {\n    createAgent(name: \"lapsing-bot\") {\n      id\n    }\n    createAgentVersion(agentName: \"lapsing-bot\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n": types.CreateLapsingAgentDocument,
    "\n  mutation StartLapsingRun($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n": types.StartLapsingRunDocument,
    "\n  query LapsingRunState($id: ID!) {\n    execution(id: $id) {\n      status\n    }\n  }\n": types.LapsingRunStateDocument,
    "\n  subscription AuditEventRecordedScaleOut {\n    auditEventRecorded {\n      eventType\n      resourceId\n      occurredAt\n    }\n  }\n": types.AuditEventRecordedScaleOutDocument,
    "\n  query ViewerTenant {\n    viewer {\n      tenantId\n    }\n  }\n": types.ViewerTenantDocument,
    "\n  mutation RevokeApiKeyScaleOut($id: ID!) {\n    revokeApiKey(id: $id) {\n      revokedAt\n    }\n  }\n": types.RevokeApiKeyScaleOutDocument,
    "\n  query AuditTestById($id: ID!) {\n    auditEvent(id: $id) {\n      ...AuditEventFields\n    }\n  }\n": types.AuditTestByIdDocument,
    "\n  query AuditTestByCorrelation($correlationId: String!, $first: Int, $after: String) {\n    auditEventsByCorrelation(correlationId: $correlationId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          eventType\n          resourceId\n          correlationId\n          tenantId\n        }\n      }\n    }\n  }\n": types.AuditTestByCorrelationDocument,
    "\n  query AuditTestByResource($resourceType: ResourceType!, $resourceId: String!, $first: Int) {\n    auditEventsByResource(resourceType: $resourceType, resourceId: $resourceId, first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          eventType\n          outcome\n          tenantId\n        }\n      }\n    }\n  }\n": types.AuditTestByResourceDocument,
    "\n  query AuditTestAggregate($from: DateTime, $to: DateTime) {\n    auditAggregate(from: $from, to: $to) {\n      total\n      byActorType {\n        key\n        count\n      }\n      byEventType {\n        key\n        count\n      }\n      byResourceType {\n        key\n        count\n      }\n    }\n  }\n": types.AuditTestAggregateDocument,
    "\n  query AuditTestStats($from: DateTime, $to: DateTime) {\n    auditStatsByActor(from: $from, to: $to) {\n      actorId\n      actorType\n      successes\n      failures\n      total\n    }\n  }\n": types.AuditTestStatsDocument,
    "\n  subscription AuditTestRecorded($filter: AuditEventFilter) {\n    auditEventRecorded(filter: $filter) {\n      ...AuditEventFields\n    }\n  }\n": types.AuditTestRecordedDocument,
    "\n  mutation AuditTestLogEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      created\n    }\n  }\n": types.AuditTestLogEventsDocument,
    "\n  mutation AuditTestRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n    }\n  }\n": types.AuditTestRevokeApiKeyDocument,
    "\n  mutation PipelineEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n": types.PipelineEndpointDocument,
    "\n  mutation PipelineEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      created\n    }\n  }\n": types.PipelineEventsDocument,
    "\n  query PipelineDeliveries($filter: WebhookDeliveryFilter) {\n    webhookDeliveries(filter: $filter, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          status\n          attempts {\n            number\n            responseStatus\n            nextAttemptAt\n          }\n        }\n      }\n    }\n  }\n": types.PipelineDeliveriesDocument,
    "\n  query PipelineOutcomes($filter: AuditEventFilter) {\n    auditEvents(filter: $filter, first: 100) {\n      edges {\n        node {\n          resourceId\n          correlationId\n          cause {\n            eventType\n            correlationId\n          }\n        }\n      }\n    }\n  }\n": types.PipelineOutcomesDocument,
    "\n  mutation CreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      endpoint {\n        id\n      }\n    }\n  }\n": types.CreateEndpointDocument,
    "\n  query Deliveries($filter: WebhookDeliveryFilter) {\n    webhookDeliveries(filter: $filter, first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          messageId\n          eventType\n          status\n          attemptCount\n          nextAttemptAt\n          attempts {\n            number\n            trigger\n            responseStatus\n            error\n            nextAttemptAt\n          }\n        }\n      }\n    }\n  }\n": types.DeliveriesDocument,
    "\n  query Endpoints {\n    webhookEndpoints {\n      id\n      enabled\n      disabledReason\n    }\n  }\n": types.EndpointsDocument,
    "\n  mutation Redeliver($deliveryId: ID!) {\n    redeliver(deliveryId: $deliveryId) {\n      id\n    }\n  }\n": types.RedeliverDocument,
    "\n  mutation Recover($endpointId: ID!, $since: DateTime!) {\n    recoverEndpoint(endpointId: $endpointId, since: $since)\n  }\n": types.RecoverDocument,
    "\n  subscription DeliveryUpdates($endpointId: ID!) {\n    webhookDeliveryUpdated(endpointId: $endpointId) {\n      eventType\n      status\n      attemptCount\n    }\n  }\n": types.DeliveryUpdatesDocument,
    "\n  mutation RotateEndpointSecret($id: ID!) {\n    rotateWebhookEndpointSecret(id: $id) {\n      secret\n    }\n  }\n": types.RotateEndpointSecretDocument,
    "\n  mutation LogEventConcurrently($input: LogEventInput!) {\n    logEvent(input: $input) {\n      created\n      event {\n        id\n        type\n      }\n    }\n  }\n": types.LogEventConcurrentlyDocument,
    "\n  mutation CreateBatchEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n": types.CreateBatchEndpointDocument,
    "\n  query BatchDeliveries($filter: WebhookDeliveryFilter) {\n    webhookDeliveries(filter: $filter, first: 50) {\n      edges {\n        node {\n          eventType\n          payload\n        }\n      }\n    }\n  }\n": types.BatchDeliveriesDocument,
    "\n  mutation LogEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      created\n      event {\n        id\n        type\n      }\n    }\n  }\n": types.LogEventsDocument,
    "\n  mutation CreateVisibleRunAgent($runConfig: RunConfigInput!) {\n    createAgent(name: \"visible-bot\") {\n      id\n    }\n    createAgentVersion(agentName: \"visible-bot\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n": types.CreateVisibleRunAgentDocument,
    "\n  mutation CreateVisibleRun($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n": types.CreateVisibleRunDocument,
    "\n  mutation ApproveVisibleRun($executionId: ID!, $toolCallId: String!) {\n    approveToolCall(executionId: $executionId, toolCallId: $toolCallId, approved: true) {\n      success\n    }\n  }\n": types.ApproveVisibleRunDocument,
    "\n  subscription VisibleRunUpdates($filter: ExecutionFilter) {\n    executionUpdated(filter: $filter) {\n      id\n      status\n      journalLength\n    }\n  }\n": types.VisibleRunUpdatesDocument,
    "\n  subscription VisibleRunJournal($executionId: ID!) {\n    executionEvents(executionId: $executionId) {\n      __typename\n      ... on ExecutionStatusChanged {\n        seq\n        status\n      }\n      ... on ExecutionTextDelta {\n        seq\n      }\n      ... on ExecutionToolCallRequested {\n        seq\n      }\n      ... on ExecutionApprovalRequested {\n        seq\n      }\n      ... on ExecutionApprovalDecided {\n        seq\n      }\n      ... on ExecutionToolResult {\n        seq\n      }\n      ... on ExecutionFinished {\n        seq\n      }\n    }\n  }\n": types.VisibleRunJournalDocument,
    "\n  mutation CreateExecution($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n      status\n      correlationId\n      agent {\n        name\n      }\n      conversation {\n        conversationId\n      }\n    }\n  }\n": types.CreateExecutionDocument,
    "\n  subscription ExecutionEvents($executionId: ID!, $after: Int) {\n    executionEvents(executionId: $executionId, after: $after) {\n      __typename\n      ... on ExecutionTextDelta {\n        seq\n        text\n      }\n      ... on ExecutionStatusChanged {\n        seq\n        status\n      }\n      ... on ExecutionToolCallRequested {\n        seq\n        toolCallId\n        name\n      }\n      ... on ExecutionApprovalRequested {\n        seq\n        toolCallId\n      }\n      ... on ExecutionApprovalDecided {\n        seq\n        approved\n        reason\n      }\n      ... on ExecutionToolResult {\n        seq\n        toolCallId\n        result\n        isError\n      }\n      ... on ExecutionFinished {\n        seq\n        status\n      }\n      ... on ExecutionStepRestarted {\n        seq\n      }\n      ... on ExecutionErrorOccurred {\n        seq\n      }\n    }\n  }\n": types.ExecutionEventsDocument,
    "\n  query ExecutionState($id: ID!) {\n    execution(id: $id) {\n      status\n      journalLength\n      toolCalls {\n        toolCallId\n        status\n        approved\n        result\n      }\n      conversation {\n        messages {\n          edges {\n            node {\n              role\n              content\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ExecutionStateDocument,
    "\n  mutation CreateScriptedVersion($agentName: String!, $name: String!, $runConfig: RunConfigInput) {\n    createAgentVersion(agentName: $agentName, name: $name, runConfig: $runConfig) {\n      id\n      agent {\n        id\n      }\n    }\n  }\n": types.CreateScriptedVersionDocument,
    "\n  mutation TypedRunConfigVersion($agentName: String!, $runConfig: RunConfigInput) {\n    createAgentVersion(agentName: $agentName, name: \"typed\", runConfig: $runConfig) {\n      runConfig {\n        provider {\n          type\n          turns {\n            text\n            delayMs\n            toolCalls {\n              name\n              arguments\n            }\n          }\n          model\n        }\n        systemPrompt\n        tools {\n          name\n          parameters\n          requiresApproval\n          executor {\n            type\n            url\n            name\n          }\n        }\n        forwardedHeaders\n        approvalTimeoutSeconds\n      }\n    }\n  }\n": types.TypedRunConfigVersionDocument,
    "\n  mutation CreateAgentForRuns($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n": types.CreateAgentForRunsDocument,
    "\n  mutation ApproveToolCall(\n    $executionId: ID!\n    $toolCallId: String!\n    $approved: Boolean!\n    $reason: String\n  ) {\n    approveToolCall(\n      executionId: $executionId\n      toolCallId: $toolCallId\n      approved: $approved\n      reason: $reason\n    ) {\n      success\n    }\n  }\n": types.ApproveToolCallDocument,
    "\n  query AuditEventsByCorrelation($correlationId: String!) {\n    auditEventsByCorrelation(correlationId: $correlationId) {\n      edges {\n        node {\n          id\n          eventType\n          outcome\n          causationId\n        }\n      }\n    }\n  }\n": types.AuditEventsByCorrelationDocument,
    "\n  query AgentLlmCalls($filter: LlmEventFilter) {\n    llmEvents(filter: $filter) {\n      edges {\n        node {\n          model\n          inputTokens\n          outputTokens\n          finishReason\n          costUsd\n        }\n      }\n    }\n  }\n": types.AgentLlmCallsDocument,
    "\n  subscription ExecutionUpdated($filter: ExecutionFilter) {\n    executionUpdated(filter: $filter) {\n      id\n      status\n    }\n  }\n": types.ExecutionUpdatedDocument,
    "\n  mutation CancelExecution($id: ID!) {\n    cancelExecution(id: $id) {\n      status\n    }\n  }\n": types.CancelExecutionDocument,
    "\n  subscription AppEventLoggedProperties($filter: AppEventFilter) {\n    appEventLogged(filter: $filter) {\n      id\n      properties\n      createdAt\n    }\n  }\n": types.AppEventLoggedPropertiesDocument,
    "\n  mutation CreateEchoAgent($runConfig: RunConfigInput!) {\n    createAgent(name: \"echo-keys\") {\n      id\n    }\n    createAgentVersion(agentName: \"echo-keys\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n": types.CreateEchoAgentDocument,
    "\n  mutation RunEcho($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n": types.RunEchoDocument,
    "\n  query EchoRunState($id: ID!) {\n    execution(id: $id) {\n      status\n      toolCalls {\n        result\n      }\n    }\n  }\n": types.EchoRunStateDocument,
    "\n  mutation CreatePayloadsAgent {\n    createAgent(name: \"webhook-keys\") {\n      id\n    }\n  }\n": types.CreatePayloadsAgentDocument,
    "\n  query RestClientsVersion($agentName: String!, $versionName: String!) {\n    agent(name: $agentName) {\n      id\n      version(name: $versionName) {\n        id\n        runConfig {\n          provider {\n            type\n          }\n          tools {\n            name\n            requiresApproval\n          }\n        }\n      }\n    }\n  }\n": types.RestClientsVersionDocument,
    "\n  query RestClientsTriggerByName($agent: ID!, $id: String!) {\n    trigger(agentId: $agent, id: $id) {\n      id\n    }\n    triggers(agentId: $agent) {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.RestClientsTriggerByNameDocument,
    "\n  mutation RestClientsUpdateTriggerByName($agent: ID!, $id: String!) {\n    updateTrigger(agentId: $agent, id: $id, changes: { description: \"via the agent's name\" }) {\n      description\n    }\n  }\n": types.RestClientsUpdateTriggerByNameDocument,
    "\n  mutation AnswersEcho {\n    createExecution(input: { messages: [{ role: \"user\", content: \"one two three\" }] }) {\n      id\n    }\n  }\n": types.AnswersEchoDocument,
    "\n  subscription AnswersEventFeed {\n    appEventLogged {\n      properties\n      again: properties\n    }\n  }\n": types.AnswersEventFeedDocument,
    "\n  mutation FanOutAgent($runConfig: RunConfigInput) {\n    createAgent(name: \"fan-out\") {\n      id\n    }\n    createAgentVersion(agentName: \"fan-out\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n": types.FanOutAgentDocument,
    "\n  mutation FanOutRun($agentId: ID) {\n    createExecution(input: { agentId: $agentId, messages: [{ role: \"user\", content: \"go\" }] }) {\n      id\n    }\n  }\n": types.FanOutRunDocument,
    "\n  mutation FanOutEcho {\n    createExecution(input: { messages: [{ role: \"user\", content: \"one two three four five\" }] }) {\n      id\n    }\n  }\n": types.FanOutEchoDocument,
    "\n  mutation FanOutApprove($executionId: ID!) {\n    approveToolCall(executionId: $executionId, toolCallId: \"call_1_1\", approved: true) {\n      success\n    }\n  }\n": types.FanOutApproveDocument,
    "\n  subscription SharedEventFeed {\n    appEventLogged {\n      type\n    }\n  }\n": types.SharedEventFeedDocument,
    "\n  subscription SharedExecutionUpdates($filter: ExecutionFilter) {\n    executionUpdated(filter: $filter) {\n      status\n      agent {\n        name\n        version(name: \"v1\") {\n          name\n        }\n      }\n    }\n  }\n": types.SharedExecutionUpdatesDocument,
    "\n  mutation SharedRunStart($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n": types.SharedRunStartDocument,
    "\n  mutation CreateFingerprintId($input: CreateFingerprintInput!) {\n    createFingerprint(input: $input) {\n      fingerprint {\n        id\n      }\n    }\n  }\n": types.CreateFingerprintIdDocument,
    "\n  mutation RecordLlmEvents($inputs: [CreateLlmEventInput!]!) {\n    createLlmEvents(inputs: $inputs) {\n      ...LlmEventFields\n      createdAt\n    }\n  }\n": types.RecordLlmEventsDocument,
    "\n  query TelemetryUsage($groupBy: [TelemetryUsageDimension!], $filter: LlmEventFilter) {\n    telemetryUsage(groupBy: $groupBy, filter: $filter) {\n      agent\n      version\n      model\n      provider\n      person\n      day\n      count\n      inputTokens\n      outputTokens\n      cachedInputTokens\n      costUsd\n      unpricedCount\n      errorCount\n      errorRate\n      p50LatencyMs\n      p95LatencyMs\n    }\n  }\n": types.TelemetryUsageDocument,
    "\n  query EventPage($first: Int) {\n    llmEvents(first: $first) {\n      edges {\n        node {\n          id\n          agent {\n            name\n          }\n          agentVersion {\n            name\n          }\n          person {\n            personId\n          }\n          session {\n            sessionId\n          }\n          fingerprint {\n            language\n          }\n        }\n      }\n    }\n  }\n": types.EventPageDocument,
    "\n  mutation TelemetryRunAgent($name: String!, $runConfig: RunConfigInput) {\n    createAgent(name: $name) {\n      id\n    }\n    createAgentVersion(agentName: $name, name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n": types.TelemetryRunAgentDocument,
    "\n  mutation TelemetryRunExecution($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n      correlationId\n    }\n  }\n": types.TelemetryRunExecutionDocument,
    "\n  query TelemetryRunLlmEvents($filter: LlmEventFilter) {\n    llmEvents(filter: $filter) {\n      edges {\n        node {\n          id\n          provider\n          model\n          inputTokens\n          outputTokens\n          finishReason\n          latencyMs\n          costUsd\n          properties\n          toolCalls {\n            id\n            name\n          }\n          fingerprint {\n            system\n          }\n          agent {\n            name\n          }\n          agentVersion {\n            name\n          }\n          session {\n            sessionId\n          }\n        }\n      }\n    }\n  }\n": types.TelemetryRunLlmEventsDocument,
    "\n  query TelemetryRunUsage($filter: LlmEventFilter) {\n    telemetryUsage(filter: $filter) {\n      count\n      inputTokens\n      outputTokens\n    }\n  }\n": types.TelemetryRunUsageDocument,
    "\n  mutation RollupFingerprint($input: CreateFingerprintInput!) {\n    createFingerprint(input: $input) {\n      fingerprint {\n        id\n      }\n    }\n  }\n": types.RollupFingerprintDocument,
    "\n  mutation RollupLlmEvents($inputs: [CreateLlmEventInput!]!) {\n    createLlmEvents(inputs: $inputs) {\n      id\n    }\n  }\n": types.RollupLlmEventsDocument,
    "\n  query RollupUsage($groupBy: [TelemetryUsageDimension!], $filter: LlmEventFilter) {\n    telemetryUsage(groupBy: $groupBy, filter: $filter) {\n      agent\n      version\n      model\n      provider\n      person\n      day\n      count\n      inputTokens\n      outputTokens\n      cachedInputTokens\n      costUsd\n      unpricedCount\n      errorCount\n      p50LatencyMs\n      p95LatencyMs\n    }\n  }\n": types.RollupUsageDocument,
    "\n  query RollupUsageLatencyFragments {\n    telemetryUsage(groupBy: [MODEL]) {\n      model\n      count\n      ...RollupUsageP95\n      ... on TelemetryUsageGroup {\n        median: p50LatencyMs\n      }\n    }\n  }\n  fragment RollupUsageP95 on TelemetryUsageGroup {\n    p95LatencyMs\n  }\n": types.RollupUsageLatencyFragmentsDocument,
    "\n  query RollupUsageP95Only {\n    telemetryUsage(groupBy: [MODEL]) {\n      model\n      count\n      p95LatencyMs\n    }\n  }\n": types.RollupUsageP95OnlyDocument,
    "\n  mutation TelemetryWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n": types.TelemetryWebhookEndpointDocument,
    "\n  mutation CreateFingerprint($input: CreateFingerprintInput!) {\n    createFingerprint(input: $input) {\n      created\n      fingerprint {\n        id\n        language\n        allPackages\n      }\n    }\n  }\n": types.CreateFingerprintDocument,
    "\n  mutation CreateLlmEvent($input: CreateLlmEventInput!) {\n    createLlmEvent(input: $input) {\n      ...LlmEventFields\n      agent {\n        name\n        number\n      }\n      agentVersion {\n        name\n        number\n      }\n      person {\n        personId\n      }\n      session {\n        sessionId\n      }\n    }\n  }\n": types.CreateLlmEventDocument,
    "\n  query PersonWithSessions($id: String!) {\n    person(id: $id) {\n      personId\n      properties\n      sessions {\n        totalCount\n        edges {\n          node {\n            sessionId\n          }\n        }\n      }\n    }\n  }\n": types.PersonWithSessionsDocument,
    "\n  mutation UpdatePerson($personId: String!, $properties: JSONObject!, $mode: PersonUpdateMode) {\n    updatePerson(personId: $personId, properties: $properties, mode: $mode) {\n      personId\n      properties\n    }\n  }\n": types.UpdatePersonDocument,
    "\n  query SessionEvents($id: String!) {\n    session(id: $id) {\n      sessionId\n      person {\n        personId\n      }\n      events {\n        totalCount\n        edges {\n          node {\n            id\n            model\n          }\n        }\n      }\n    }\n  }\n": types.SessionEventsDocument,
    "\n  query AgentWithVersions($name: String!) {\n    agent(name: $name) {\n      name\n      number\n      deprecatedAt\n      versions {\n        name\n        number\n        deprecatedAt\n      }\n    }\n  }\n": types.AgentWithVersionsDocument,
    "\n  mutation UpdateAgentVersion($agentName: String!, $name: String!, $changes: AgentChangesInput!) {\n    updateAgentVersion(agentName: $agentName, name: $name, changes: $changes) {\n      name\n      deprecatedAt\n    }\n  }\n": types.UpdateAgentVersionDocument,
    "\n  query LlmEvents($filter: LlmEventFilter, $first: Int) {\n    llmEvents(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          model\n        }\n      }\n    }\n  }\n": types.LlmEventsDocument,
    "\n  subscription LlmEventRecorded($filter: LlmEventFilter) {\n    llmEventRecorded(filter: $filter) {\n      id\n      model\n      agent {\n        name\n      }\n    }\n  }\n": types.LlmEventRecordedDocument,
    "\n  query Viewer {\n    viewer {\n      kind\n      tenantId\n      projectId\n      apiKeyId\n    }\n  }\n": types.ViewerDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": types.RevokeApiKeyDocument,
    "\n  query MyProjects {\n    tenant {\n      id\n      name\n    }\n    projects {\n      name\n    }\n  }\n": types.MyProjectsDocument,
    "\n  query ApiKeys($includeRevoked: Boolean) {\n    apiKeys(includeRevoked: $includeRevoked) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          revokedAt\n          lastUsedAt\n        }\n      }\n    }\n  }\n": types.ApiKeysDocument,
    "\n  mutation EventsAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n": types.EventsAgentDocument,
    "\n  mutation EventsEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n": types.EventsEndpointDocument,
    "\n  query EventsStats {\n    auditStatsByActor {\n      actorId\n      successes\n      failures\n    }\n  }\n": types.EventsStatsDocument,
    "\n  query EventsChain($correlationId: String!) {\n    auditEventsByCorrelation(correlationId: $correlationId) {\n      edges {\n        node {\n          id\n          eventType\n          causationId\n          outcome\n        }\n      }\n    }\n  }\n": types.EventsChainDocument,
    "\n  mutation StartsAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n": types.StartsAgentDocument,
    "\n  query StartsChain($correlationId: String!) {\n    auditEventsByCorrelation(correlationId: $correlationId) {\n      edges {\n        node {\n          id\n          eventType\n          causationId\n          actorType\n        }\n      }\n    }\n  }\n": types.StartsChainDocument,
    "\n  query StartsInvocation($agentId: ID!, $id: String!) {\n    trigger(agentId: $agentId, id: $id) {\n      invocations(first: 1) {\n        edges {\n          node {\n            id\n            status\n            execution {\n              id\n              status\n            }\n          }\n        }\n      }\n    }\n  }\n": types.StartsInvocationDocument,
    "\n  mutation CreateTriggerAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n": types.CreateTriggerAgentDocument,
    "\n  mutation CreateSigningCredential($name: String!, $secret: String) {\n    createCredential(name: $name, secret: $secret) {\n      secret\n      credential {\n        id\n      }\n    }\n  }\n": types.CreateSigningCredentialDocument,
    "\n  mutation RotateSigningCredential($id: ID!, $secret: String) {\n    rotateCredential(id: $id, secret: $secret) {\n      secret\n    }\n  }\n": types.RotateSigningCredentialDocument,
    "\n  query ListCredentials {\n    credentials {\n      id\n      name\n      rotatedAt\n    }\n  }\n": types.ListCredentialsDocument,
    "\n  mutation RerunInvocation($invocationId: ID!) {\n    rerunInvocation(invocationId: $invocationId) {\n      id\n      status\n      message\n      execution {\n        id\n      }\n    }\n  }\n": types.RerunInvocationDocument,
    "\n  query TriggerWithInvocations($agentId: ID!, $id: String!) {\n    trigger(agentId: $agentId, id: $id) {\n      webhookUrl\n      invocations(first: 5) {\n        totalCount\n        edges {\n          node {\n            status\n            execution {\n              status\n            }\n            conversation {\n              conversationId\n              messages {\n                totalCount\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.TriggerWithInvocationsDocument,
    "\n  subscription InvocationUpdates($agentId: ID!, $triggerId: String!) {\n    triggerInvocationUpdated(agentId: $agentId, triggerId: $triggerId) {\n      id\n      status\n    }\n  }\n": types.InvocationUpdatesDocument,
    "\n  mutation DeleteCredential($id: ID!) {\n    deleteCredential(id: $id) {\n      id\n    }\n  }\n": types.DeleteCredentialDocument,
    "\n  query AuditChain($correlationId: String!) {\n    auditEventsByCorrelation(correlationId: $correlationId) {\n      edges {\n        node {\n          eventType\n          actorType\n        }\n      }\n    }\n  }\n": types.AuditChainDocument,
    "\n  mutation RotateWebhookUrl($agentId: ID!, $id: String!) {\n    rotateTriggerWebhookUrl(agentId: $agentId, id: $id) {\n      id\n      webhookUrl\n      invocations(first: 10) {\n        totalCount\n      }\n    }\n  }\n": types.RotateWebhookUrlDocument,
    "\n  query AgentExecutions($agentId: ID!) {\n    executions(filter: { agentId: $agentId }, first: 50) {\n      totalCount\n    }\n  }\n": types.AgentExecutionsDocument,
    "\n  fragment TypedTriggerFields on Trigger {\n    id\n    webhookUrl\n    outputTransform {\n      expression\n      fields {\n        name\n        expression\n      }\n    }\n    authentication {\n      type\n      header\n      in\n      name\n      username\n    }\n    signatureVerification {\n      algorithm\n      encoding\n      signature {\n        source\n        key\n        prefix\n      }\n      signedComponents {\n        source\n        key\n        required\n      }\n      componentJoin {\n        strategy\n        separator\n      }\n      validation {\n        allowEmptyBody\n      }\n      secretEncoding\n      timestamp {\n        source\n        key\n        toleranceSeconds\n      }\n      deliveryId {\n        source\n      }\n    }\n  }\n": types.TypedTriggerFieldsFragmentDoc,
    "\n  mutation TypedCreateTrigger($agentId: ID!, $input: CreateTriggerInput!) {\n    createTrigger(agentId: $agentId, input: $input) {\n      ...TypedTriggerFields\n    }\n  }\n": types.TypedCreateTriggerDocument,
    "\n  mutation TypedUpdateTrigger($agentId: ID!, $id: String!, $changes: UpdateTriggerInput!) {\n    updateTrigger(agentId: $agentId, id: $id, changes: $changes) {\n      ...TypedTriggerFields\n    }\n  }\n": types.TypedUpdateTriggerDocument,
    "\n  mutation MetricsCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n": types.MetricsCreateEndpointDocument,
    "\n  mutation MetricsCreateExecution($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n": types.MetricsCreateExecutionDocument,
    "\n  mutation MetricsCreateAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n": types.MetricsCreateAgentDocument,
    "\n  mutation TracingCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n": types.TracingCreateEndpointDocument,
    "\n  subscription BatchedExecutionUpdates($filter: ExecutionFilter) {\n    executionUpdated(filter: $filter) {\n      id\n      status\n      agent {\n        name\n      }\n    }\n  }\n": types.BatchedExecutionUpdatesDocument,
    "\n  mutation BatchedStart($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n": types.BatchedStartDocument,
    "\n  mutation CreateTenant($name: String!) {\n    createTenant(name: $name) {\n      id\n      name\n    }\n  }\n": types.CreateTenantDocument,
    "\n  mutation CreateProject($name: String!, $tenantId: ID) {\n    createProject(name: $name, tenantId: $tenantId) {\n      id\n      name\n    }\n  }\n": types.CreateProjectDocument,
    "\n  mutation CreateApiKey(\n    $name: String!\n    $tenantId: ID\n    $projectId: ID\n    $actorType: ApiKeyActorType\n  ) {\n    createApiKey(name: $name, tenantId: $tenantId, projectId: $projectId, actorType: $actorType) {\n      secret\n      apiKey {\n        id\n        name\n        actorType\n        project {\n          id\n        }\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation LogEvent($input: LogEventInput!) {\n    logEvent(input: $input) {\n      created\n      event {\n        id\n        type\n        agentId\n        conversationId\n        messageId\n        properties\n        userProperties\n        metadata\n        serverMetadata\n        createdAt\n        updatedAt\n      }\n    }\n  }\n": types.LogEventDocument,
    "\n  query AppEvents($filter: AppEventFilter, $first: Int, $after: String) {\n    appEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          type\n          conversationId\n        }\n      }\n    }\n  }\n": types.AppEventsDocument,
    "\n  fragment AuditEventFields on AuditEvent {\n    id\n    eventType\n    actorType\n    actorId\n    resourceType\n    resourceId\n    tenantId\n    correlationId\n    causationId\n    outcome\n    payload\n    occurredAt\n  }\n": types.AuditEventFieldsFragmentDoc,
    "\n  query AuditEvents($filter: AuditEventFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...AuditEventFields\n        }\n      }\n    }\n  }\n": types.AuditEventsDocument,
    "\n  subscription AppEventLogged($filter: AppEventFilter) {\n    appEventLogged(filter: $filter) {\n      id\n      type\n      conversationId\n      createdAt\n    }\n  }\n": types.AppEventLoggedDocument,
    "\n  fragment LlmEventFields on LlmEvent {\n    id\n    provider\n    model\n    inputTokens\n    outputTokens\n    cachedInputTokens\n    toolCalls {\n      id\n      name\n      arguments\n    }\n    finishReason\n    error\n    latencyMs\n    costUsd\n  }\n": types.LlmEventFieldsFragmentDoc,
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
export function graphql(source: "\n  query CatalogueEventTypes {\n    webhookEventTypes {\n      name\n      description\n      aliases\n      resourceType\n      schema\n      example\n    }\n  }\n"): (typeof documents)["\n  query CatalogueEventTypes {\n    webhookEventTypes {\n      name\n      description\n      aliases\n      resourceType\n      schema\n      example\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CatalogueAuditTypes {\n    auditAggregate {\n      byEventType {\n        key\n        count\n      }\n    }\n    auditStatsByActor {\n      actorId\n      successes\n      failures\n    }\n  }\n"): (typeof documents)["\n  query CatalogueAuditTypes {\n    auditAggregate {\n      byEventType {\n        key\n        count\n      }\n    }\n    auditStatsByActor {\n      actorId\n      successes\n      failures\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CatalogueRevokeKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CatalogueRevokeKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CatalogueCredential($name: String!) {\n    createCredential(name: $name) {\n      credential {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CatalogueCredential($name: String!) {\n    createCredential(name: $name) {\n      credential {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CatalogueRotateCredential($id: ID!) {\n    rotateCredential(id: $id) {\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation CatalogueRotateCredential($id: ID!) {\n    rotateCredential(id: $id) {\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CatalogueDeleteCredential($id: ID!) {\n    deleteCredential(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CatalogueDeleteCredential($id: ID!) {\n    deleteCredential(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CatalogueChain($correlationId: String!) {\n    auditEventsByCorrelation(correlationId: $correlationId, first: 50) {\n      edges {\n        node {\n          id\n          eventType\n          causationId\n          cause {\n            id\n            eventType\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CatalogueChain($correlationId: String!) {\n    auditEventsByCorrelation(correlationId: $correlationId, first: 50) {\n      edges {\n        node {\n          id\n          eventType\n          causationId\n          cause {\n            id\n            eventType\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleTestChainAgent($runConfig: RunConfigInput) {\n    createAgent(name: \"refunds\") {\n      id\n    }\n    createAgentVersion(agentName: \"refunds\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleTestChainAgent($runConfig: RunConfigInput) {\n    createAgent(name: \"refunds\") {\n      id\n    }\n    createAgentVersion(agentName: \"refunds\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleTestTrigger($agentId: ID!) {\n    createTrigger(agentId: $agentId, input: { id: \"orders\", name: \"Orders\" }) {\n      webhookUrl\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleTestTrigger($agentId: ID!) {\n    createTrigger(agentId: $agentId, input: { id: \"orders\", name: \"Orders\" }) {\n      webhookUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleTestChainEndpoint($url: String!) {\n    createWebhookEndpoint(input: { url: $url, eventTypes: [EXECUTION_COMPLETED] }) {\n      endpoint {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleTestChainEndpoint($url: String!) {\n    createWebhookEndpoint(input: { url: $url, eventTypes: [EXECUTION_COMPLETED] }) {\n      endpoint {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleTestChain($correlationId: String!) {\n    auditEventsByCorrelation(correlationId: $correlationId, first: 100) {\n      edges {\n        node {\n          id\n          eventType\n          causationId\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleTestChain($correlationId: String!) {\n    auditEventsByCorrelation(correlationId: $correlationId, first: 100) {\n      edges {\n        node {\n          id\n          eventType\n          causationId\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleTestAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleTestAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleTestVersion($agentName: String!, $runConfig: RunConfigInput) {\n    createAgentVersion(agentName: $agentName, name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleTestVersion($agentName: String!, $runConfig: RunConfigInput) {\n    createAgentVersion(agentName: $agentName, name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleTestRun($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleTestRun($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleTestFingerprint {\n    createFingerprint(input: { language: \"python\", languageVersion: \"3.12\", system: \"linux\" }) {\n      fingerprint {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleTestFingerprint {\n    createFingerprint(input: { language: \"python\", languageVersion: \"3.12\", system: \"linux\" }) {\n      fingerprint {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleTestLlmEvent($input: CreateLlmEventInput!) {\n    createLlmEvent(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleTestLlmEvent($input: CreateLlmEventInput!) {\n    createLlmEvent(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleTestUsage($groupBy: [TelemetryUsageDimension!], $filter: LlmEventFilter) {\n    telemetryUsage(groupBy: $groupBy, filter: $filter) {\n      day\n      model\n      count\n      inputTokens\n      outputTokens\n      costUsd\n    }\n  }\n"): (typeof documents)["\n  query ConsoleTestUsage($groupBy: [TelemetryUsageDimension!], $filter: LlmEventFilter) {\n    telemetryUsage(groupBy: $groupBy, filter: $filter) {\n      day\n      model\n      count\n      inputTokens\n      outputTokens\n      costUsd\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleTestEndpoint($url: String!) {\n    createWebhookEndpoint(input: { url: $url, eventTypes: [EVENT_CREATED] }) {\n      endpoint {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleTestEndpoint($url: String!) {\n    createWebhookEndpoint(input: { url: $url, eventTypes: [EVENT_CREATED] }) {\n      endpoint {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateFaultsAgent($runConfig: RunConfigInput!) {\n    createAgent(name: \"faults-bot\") {\n      id\n    }\n    createAgentVersion(agentName: \"faults-bot\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateFaultsAgent($runConfig: RunConfigInput!) {\n    createAgent(name: \"faults-bot\") {\n      id\n    }\n    createAgentVersion(agentName: \"faults-bot\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CountEvents {\n    appEvents(first: 1) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query CountEvents {\n    appEvents(first: 1) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConvCreateProject {\n    createProject(name: \"conv-project\") {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ConvCreateProject {\n    createProject(name: \"conv-project\") {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConvLogEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      created\n    }\n  }\n"): (typeof documents)["\n  mutation ConvLogEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      created\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConvCreateFingerprint {\n    createFingerprint(input: { language: \"python\", languageVersion: \"3.12\", system: \"linux\" }) {\n      fingerprint {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConvCreateFingerprint {\n    createFingerprint(input: { language: \"python\", languageVersion: \"3.12\", system: \"linux\" }) {\n      fingerprint {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConvCreateLlmEvents($inputs: [CreateLlmEventInput!]!) {\n    createLlmEvents(inputs: $inputs) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ConvCreateLlmEvents($inputs: [CreateLlmEventInput!]!) {\n    createLlmEvents(inputs: $inputs) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConvCreateAgent($runConfig: RunConfigInput) {\n    createAgent(name: \"conv-bot\") {\n      id\n    }\n    createAgentVersion(agentName: \"conv-bot\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ConvCreateAgent($runConfig: RunConfigInput) {\n    createAgent(name: \"conv-bot\") {\n      id\n    }\n    createAgentVersion(agentName: \"conv-bot\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConvCreateCredential {\n    createCredential(name: \"conv-secret\") {\n      credential {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConvCreateCredential {\n    createCredential(name: \"conv-secret\") {\n      credential {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConvCreateTrigger($agentId: ID!) {\n    createTrigger(\n      agentId: $agentId\n      input: {\n        id: \"conv-trigger\"\n        name: \"Conv\"\n        inputSchema: { type: \"object\", required: [\"n\"] }\n        messageTemplate: \"n is {{n}}\"\n      }\n    ) {\n      webhookUrl\n    }\n  }\n"): (typeof documents)["\n  mutation ConvCreateTrigger($agentId: ID!) {\n    createTrigger(\n      agentId: $agentId\n      input: {\n        id: \"conv-trigger\"\n        name: \"Conv\"\n        inputSchema: { type: \"object\", required: [\"n\"] }\n        messageTemplate: \"n is {{n}}\"\n      }\n    ) {\n      webhookUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConvCreateEndpoint {\n    createWebhookEndpoint(input: { url: \"http://127.0.0.1:9/hook\", eventTypes: [EVENT_CREATED] }) {\n      endpoint {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConvCreateEndpoint {\n    createWebhookEndpoint(input: { url: \"http://127.0.0.1:9/hook\", eventTypes: [EVENT_CREATED] }) {\n      endpoint {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvNodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      globalId\n    }\n  }\n"): (typeof documents)["\n  query ConvNodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      globalId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvNode($id: ID!) {\n    node(id: $id) {\n      globalId\n      ... on Execution {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConvNode($id: ID!) {\n    node(id: $id) {\n      globalId\n      ... on Execution {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvInvocation($id: ID!) {\n    triggerInvocation(id: $id) {\n      id\n      status\n      trigger {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConvInvocation($id: ID!) {\n    triggerInvocation(id: $id) {\n      id\n      status\n      trigger {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvInvocations(\n    $agentId: ID!\n    $status: TriggerInvocationStatus\n    $from: DateTime\n    $to: DateTime\n  ) {\n    trigger(agentId: $agentId, id: \"conv-trigger\") {\n      invocations(first: 100, status: $status, from: $from, to: $to) {\n        totalCount\n        edges {\n          node {\n            id\n            createdAt\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConvInvocations(\n    $agentId: ID!\n    $status: TriggerInvocationStatus\n    $from: DateTime\n    $to: DateTime\n  ) {\n    trigger(agentId: $agentId, id: \"conv-trigger\") {\n      invocations(first: 100, status: $status, from: $from, to: $to) {\n        totalCount\n        edges {\n          node {\n            id\n            createdAt\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvActorTypes {\n    event: __type(name: \"AuditEvent\") {\n      fields {\n        name\n        type {\n          ofType {\n            name\n            kind\n          }\n        }\n      }\n    }\n    stats: __type(name: \"AuditActorStats\") {\n      fields {\n        name\n        type {\n          ofType {\n            name\n            kind\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConvActorTypes {\n    event: __type(name: \"AuditEvent\") {\n      fields {\n        name\n        type {\n          ofType {\n            name\n            kind\n          }\n        }\n      }\n    }\n    stats: __type(name: \"AuditActorStats\") {\n      fields {\n        name\n        type {\n          ofType {\n            name\n            kind\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvBadAppEvents($first: Int, $last: Int, $after: String) {\n    appEvents(first: $first, last: $last, after: $after) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query ConvBadAppEvents($first: Int, $last: Int, $after: String) {\n    appEvents(first: $first, last: $last, after: $after) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvBadAuditEvents($first: Int, $last: Int) {\n    auditEvents(first: $first, last: $last) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query ConvBadAuditEvents($first: Int, $last: Int) {\n    auditEvents(first: $first, last: $last) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvBadLlmEvents($first: Int) {\n    llmEvents(first: $first) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query ConvBadLlmEvents($first: Int) {\n    llmEvents(first: $first) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvBadExecutions($first: Int, $after: String) {\n    executions(first: $first, after: $after) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query ConvBadExecutions($first: Int, $after: String) {\n    executions(first: $first, after: $after) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvBadTriggers($agentId: ID!, $first: Int, $invocations: Int) {\n    triggers(agentId: $agentId, first: $first) {\n      edges {\n        node {\n          invocations(first: $invocations) {\n            totalCount\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConvBadTriggers($agentId: ID!, $first: Int, $invocations: Int) {\n    triggers(agentId: $agentId, first: $first) {\n      edges {\n        node {\n          invocations(first: $invocations) {\n            totalCount\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvBadDeliveries($first: Int) {\n    webhookDeliveries(first: $first) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query ConvBadDeliveries($first: Int) {\n    webhookDeliveries(first: $first) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvBadApiKeys($last: Int) {\n    apiKeys(last: $last) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query ConvBadApiKeys($last: Int) {\n    apiKeys(last: $last) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvBadAgentEvents($first: Int) {\n    agent(name: \"conv-bot\") {\n      llmEvents(first: $first) {\n        totalCount\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConvBadAgentEvents($first: Int) {\n    agent(name: \"conv-bot\") {\n      llmEvents(first: $first) {\n        totalCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConvBadJournal($executionId: ID!, $after: Int) {\n    executionEvents(executionId: $executionId, after: $after) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  subscription ConvBadJournal($executionId: ID!, $after: Int) {\n    executionEvents(executionId: $executionId, after: $after) {\n      __typename\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvAppEventPage($first: Int!) {\n    appEvents(first: $first) {\n      edges {\n        node {\n          globalId\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConvAppEventPage($first: Int!) {\n    appEvents(first: $first) {\n      edges {\n        node {\n          globalId\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvAuditEventPage($first: Int!) {\n    auditEvents(first: $first) {\n      edges {\n        node {\n          globalId\n          actorType\n          resourceId\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConvAuditEventPage($first: Int!) {\n    auditEvents(first: $first) {\n      edges {\n        node {\n          globalId\n          actorType\n          resourceId\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvLlmEventPage($first: Int!) {\n    llmEvents(first: $first) {\n      edges {\n        node {\n          id\n          agent {\n            name\n          }\n          agentVersion {\n            name\n          }\n          fingerprint {\n            id\n          }\n          person {\n            personId\n          }\n          session {\n            sessionId\n            person {\n              personId\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConvLlmEventPage($first: Int!) {\n    llmEvents(first: $first) {\n      edges {\n        node {\n          id\n          agent {\n            name\n          }\n          agentVersion {\n            name\n          }\n          fingerprint {\n            id\n          }\n          person {\n            personId\n          }\n          session {\n            sessionId\n            person {\n              personId\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvExecutionPage($first: Int!) {\n    executions(first: $first) {\n      edges {\n        node {\n          id\n          agent {\n            name\n          }\n          agentVersion {\n            name\n          }\n          conversation {\n            conversationId\n          }\n          toolCalls {\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConvExecutionPage($first: Int!) {\n    executions(first: $first) {\n      edges {\n        node {\n          id\n          agent {\n            name\n          }\n          agentVersion {\n            name\n          }\n          conversation {\n            conversationId\n          }\n          toolCalls {\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvInvocationPage($agentId: ID!, $first: Int!) {\n    triggers(agentId: $agentId) {\n      edges {\n        node {\n          agent {\n            name\n          }\n          invocations(first: $first) {\n            edges {\n              node {\n                id\n                trigger {\n                  id\n                }\n                execution {\n                  id\n                  agent {\n                    name\n                  }\n                }\n                conversation {\n                  conversationId\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConvInvocationPage($agentId: ID!, $first: Int!) {\n    triggers(agentId: $agentId) {\n      edges {\n        node {\n          agent {\n            name\n          }\n          invocations(first: $first) {\n            edges {\n              node {\n                id\n                trigger {\n                  id\n                }\n                execution {\n                  id\n                  agent {\n                    name\n                  }\n                }\n                conversation {\n                  conversationId\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvDeliveryPage($first: Int!) {\n    webhookDeliveries(first: $first) {\n      edges {\n        node {\n          id\n          endpoint {\n            url\n          }\n          attempts {\n            number\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConvDeliveryPage($first: Int!) {\n    webhookDeliveries(first: $first) {\n      edges {\n        node {\n          id\n          endpoint {\n            url\n          }\n          attempts {\n            number\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvAgentNames {\n    agents {\n      name\n    }\n  }\n"): (typeof documents)["\n  query ConvAgentNames {\n    agents {\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvAgentVersions {\n    agents {\n      name\n      version(name: \"v1\") {\n        name\n        agent {\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConvAgentVersions {\n    agents {\n      name\n      version(name: \"v1\") {\n        name\n        agent {\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvInvocationMessages($agentId: ID!, $after: String) {\n    trigger(agentId: $agentId, id: \"conv-trigger\") {\n      invocations(first: 2, status: SUCCESS) {\n        edges {\n          node {\n            conversation {\n              messages(first: 1, after: $after) {\n                edges {\n                  cursor\n                  node {\n                    role\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConvInvocationMessages($agentId: ID!, $after: String) {\n    trigger(agentId: $agentId, id: \"conv-trigger\") {\n      invocations(first: 2, status: SUCCESS) {\n        edges {\n          node {\n            conversation {\n              messages(first: 1, after: $after) {\n                edges {\n                  cursor\n                  node {\n                    role\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateModelAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateModelAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateModelVersion($agentName: String!, $name: String!, $runConfig: RunConfigInput) {\n    createAgentVersion(agentName: $agentName, name: $name, runConfig: $runConfig) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateModelVersion($agentName: String!, $name: String!, $runConfig: RunConfigInput) {\n    createAgentVersion(agentName: $agentName, name: $name, runConfig: $runConfig) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateModelVersion($agentName: String!, $name: String!, $changes: AgentChangesInput!) {\n    updateAgentVersion(agentName: $agentName, name: $name, changes: $changes) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateModelVersion($agentName: String!, $name: String!, $changes: AgentChangesInput!) {\n    updateAgentVersion(agentName: $agentName, name: $name, changes: $changes) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateKindedCredential($name: String!, $secret: String, $kind: CredentialKind) {\n    createCredential(name: $name, secret: $secret, kind: $kind) {\n      secret\n      credential {\n        id\n        kind\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateKindedCredential($name: String!, $secret: String, $kind: CredentialKind) {\n    createCredential(name: $name, secret: $secret, kind: $kind) {\n      secret\n      credential {\n        id\n        kind\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteKindedCredential($id: ID!) {\n    deleteCredential(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteKindedCredential($id: ID!) {\n    deleteCredential(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateKindedCredential($id: ID!, $secret: String) {\n    rotateCredential(id: $id, secret: $secret) {\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation RotateKindedCredential($id: ID!, $secret: String) {\n    rotateCredential(id: $id, secret: $secret) {\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CredentialKinds {\n    credentials {\n      id\n      kind\n    }\n  }\n"): (typeof documents)["\n  query CredentialKinds {\n    credentials {\n      id\n      kind\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSignedTrigger($agentId: ID!, $input: CreateTriggerInput!) {\n    createTrigger(agentId: $agentId, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSignedTrigger($agentId: ID!, $input: CreateTriggerInput!) {\n    createTrigger(agentId: $agentId, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunModelAgent($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RunModelAgent($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModelRunState($id: ID!) {\n    execution(id: $id) {\n      status\n      error\n    }\n  }\n"): (typeof documents)["\n  query ModelRunState($id: ID!) {\n    execution(id: $id) {\n      status\n      error\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OutboundCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation OutboundCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OutboundDeliveries($filter: WebhookDeliveryFilter) {\n    webhookDeliveries(filter: $filter, first: 50) {\n      edges {\n        node {\n          status\n          attemptCount\n          attempts {\n            responseStatus\n            responseBody\n            error\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OutboundDeliveries($filter: WebhookDeliveryFilter) {\n    webhookDeliveries(filter: $filter, first: 50) {\n      edges {\n        node {\n          status\n          attemptCount\n          attempts {\n            responseStatus\n            responseBody\n            error\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OutboundLogEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      event {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation OutboundLogEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      event {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OutboundCreateAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation OutboundCreateAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OutboundCreateVersion($agentName: String!, $runConfig: RunConfigInput) {\n    createAgentVersion(agentName: $agentName, name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation OutboundCreateVersion($agentName: String!, $runConfig: RunConfigInput) {\n    createAgentVersion(agentName: $agentName, name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OutboundRun($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation OutboundRun($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OutboundExecution($id: ID!) {\n    execution(id: $id) {\n      status\n      error\n      toolCalls {\n        name\n        result\n      }\n    }\n  }\n"): (typeof documents)["\n  query OutboundExecution($id: ID!) {\n    execution(id: $id) {\n      status\n      error\n      toolCalls {\n        name\n        result\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StreamsViewer {\n    viewer {\n      kind\n    }\n  }\n"): (typeof documents)["\n  query StreamsViewer {\n    viewer {\n      kind\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExecutionReplay($executionId: ID!) {\n    executionEvents(executionId: $executionId) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  subscription ExecutionReplay($executionId: ID!) {\n    executionEvents(executionId: $executionId) {\n      __typename\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StreamsFloodEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      created\n    }\n  }\n"): (typeof documents)["\n  mutation StreamsFloodEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      created\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TransportViewer {\n    viewer {\n      kind\n    }\n  }\n"): (typeof documents)["\n  query TransportViewer {\n    viewer {\n      kind\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhookAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWebhookAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HostileAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation HostileAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HostileCredential($name: String!, $secret: String) {\n    createCredential(name: $name, secret: $secret) {\n      credential {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation HostileCredential($name: String!, $secret: String) {\n    createCredential(name: $name, secret: $secret) {\n      credential {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BystanderTriggers($agentId: ID!) {\n    triggers(agentId: $agentId, first: 5) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query BystanderTriggers($agentId: ID!) {\n    triggers(agentId: $agentId, first: 5) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeepQuery {\n    apiKeys {\n      edges {\n        node {\n          project {\n            tenant {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DeepQuery {\n    apiKeys {\n      edges {\n        node {\n          project {\n            tenant {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestErrorsCreateAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RestErrorsCreateAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestErrorsCreateVersion(\n    $agentName: String!\n    $name: String!\n    $runConfig: RunConfigInput\n  ) {\n    createAgentVersion(agentName: $agentName, name: $name, runConfig: $runConfig) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RestErrorsCreateVersion(\n    $agentName: String!\n    $name: String!\n    $runConfig: RunConfigInput\n  ) {\n    createAgentVersion(agentName: $agentName, name: $name, runConfig: $runConfig) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RestErrorsExecutionEvents($executionId: ID!) {\n    executionEvents(executionId: $executionId) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  subscription RestErrorsExecutionEvents($executionId: ID!) {\n    executionEvents(executionId: $executionId) {\n      __typename\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EverythingVisible(\n    $auditId: ID!\n    $correlationId: String!\n    $resourceId: String!\n    $llmEventId: ID!\n    $executionId: ID!\n    $agentIdOfA: ID!\n  ) {\n    viewer {\n      tenantId\n    }\n    tenant {\n      id\n    }\n    projects {\n      id\n    }\n    apiKeys {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    appEvents(first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    auditEvents(first: 100) {\n      totalCount\n      edges {\n        node {\n          tenantId\n          resourceId\n        }\n      }\n    }\n    auditEvent(id: $auditId) {\n      id\n    }\n    auditEventsByCorrelation(correlationId: $correlationId) {\n      totalCount\n    }\n    auditEventsByResource(resourceType: APP_EVENT, resourceId: $resourceId) {\n      totalCount\n    }\n    auditAggregate {\n      total\n      byEventType {\n        key\n      }\n    }\n    auditStatsByActor {\n      actorId\n    }\n    llmEvents(first: 100) {\n      totalCount\n    }\n    llmEvent(id: $llmEventId) {\n      id\n    }\n    session(id: \"a-session\") {\n      sessionId\n    }\n    person(id: \"a-person\") {\n      personId\n    }\n    agent(name: \"a-agent\") {\n      name\n    }\n    agents {\n      name\n    }\n    telemetryUsage {\n      count\n    }\n    execution(id: $executionId) {\n      id\n    }\n    executions(first: 10) {\n      totalCount\n    }\n    conversation(id: \"a-conversation\") {\n      conversationId\n    }\n    triggers(agentId: $agentIdOfA) {\n      totalCount\n    }\n    trigger(agentId: $agentIdOfA, id: \"a-trigger\") {\n      id\n    }\n    credentials {\n      id\n    }\n    webhookEndpoints {\n      id\n    }\n    webhookDeliveries {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query EverythingVisible(\n    $auditId: ID!\n    $correlationId: String!\n    $resourceId: String!\n    $llmEventId: ID!\n    $executionId: ID!\n    $agentIdOfA: ID!\n  ) {\n    viewer {\n      tenantId\n    }\n    tenant {\n      id\n    }\n    projects {\n      id\n    }\n    apiKeys {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    appEvents(first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    auditEvents(first: 100) {\n      totalCount\n      edges {\n        node {\n          tenantId\n          resourceId\n        }\n      }\n    }\n    auditEvent(id: $auditId) {\n      id\n    }\n    auditEventsByCorrelation(correlationId: $correlationId) {\n      totalCount\n    }\n    auditEventsByResource(resourceType: APP_EVENT, resourceId: $resourceId) {\n      totalCount\n    }\n    auditAggregate {\n      total\n      byEventType {\n        key\n      }\n    }\n    auditStatsByActor {\n      actorId\n    }\n    llmEvents(first: 100) {\n      totalCount\n    }\n    llmEvent(id: $llmEventId) {\n      id\n    }\n    session(id: \"a-session\") {\n      sessionId\n    }\n    person(id: \"a-person\") {\n      personId\n    }\n    agent(name: \"a-agent\") {\n      name\n    }\n    agents {\n      name\n    }\n    telemetryUsage {\n      count\n    }\n    execution(id: $executionId) {\n      id\n    }\n    executions(first: 10) {\n      totalCount\n    }\n    conversation(id: \"a-conversation\") {\n      conversationId\n    }\n    triggers(agentId: $agentIdOfA) {\n      totalCount\n    }\n    trigger(agentId: $agentIdOfA, id: \"a-trigger\") {\n      id\n    }\n    credentials {\n      id\n    }\n    webhookEndpoints {\n      id\n    }\n    webhookDeliveries {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateEndpointOfA {\n    createWebhookEndpoint(input: { url: \"http://127.0.0.1:9/hook\", eventTypes: [EVENT_CREATED] }) {\n      endpoint {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateEndpointOfA {\n    createWebhookEndpoint(input: { url: \"http://127.0.0.1:9/hook\", eventTypes: [EVENT_CREATED] }) {\n      endpoint {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DeliveriesOf($endpointId: ID!) {\n    webhookDeliveryUpdated(endpointId: $endpointId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  subscription DeliveriesOf($endpointId: ID!) {\n    webhookDeliveryUpdated(endpointId: $endpointId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAgentOfA {\n    createAgent(name: \"a-trigger-agent\") {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateAgentOfA {\n    createAgent(name: \"a-trigger-agent\") {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TriggerInvocationsOf($agentId: ID!, $triggerId: String!) {\n    triggerInvocationUpdated(agentId: $agentId, triggerId: $triggerId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  subscription TriggerInvocationsOf($agentId: ID!, $triggerId: String!) {\n    triggerInvocationUpdated(agentId: $agentId, triggerId: $triggerId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateExecutionOfA {\n    createExecution(\n      input: { conversationId: \"a-conversation\", messages: [{ role: \"user\", content: \"secret\" }] }\n    ) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateExecutionOfA {\n    createExecution(\n      input: { conversationId: \"a-conversation\", messages: [{ role: \"user\", content: \"secret\" }] }\n    ) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExecutionEventsOf($executionId: ID!) {\n    executionEvents(executionId: $executionId) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  subscription ExecutionEventsOf($executionId: ID!) {\n    executionEvents(executionId: $executionId) {\n      __typename\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExecutionUpdatedAny {\n    executionUpdated {\n      id\n    }\n  }\n"): (typeof documents)["\n  subscription ExecutionUpdatedAny {\n    executionUpdated {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordLlmEventOfA($fingerprintId: ID!) {\n    createLlmEvent(\n      input: {\n        fingerprintId: $fingerprintId\n        properties: {}\n        agent: \"a-agent\"\n        agentVersion: \"a-v1\"\n        person: \"a-person\"\n        session: \"a-session\"\n      }\n    ) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RecordLlmEventOfA($fingerprintId: ID!) {\n    createLlmEvent(\n      input: {\n        fingerprintId: $fingerprintId\n        properties: {}\n        agent: \"a-agent\"\n        agentVersion: \"a-v1\"\n        person: \"a-person\"\n        session: \"a-session\"\n      }\n    ) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LlmEventRecordedAny {\n    llmEventRecorded {\n      id\n    }\n  }\n"): (typeof documents)["\n  subscription LlmEventRecordedAny {\n    llmEventRecorded {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AuditEventRecordedAny {\n    auditEventRecorded {\n      tenantId\n      resourceId\n    }\n  }\n"): (typeof documents)["\n  subscription AuditEventRecordedAny {\n    auditEventRecorded {\n      tenantId\n      resourceId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCrashAgent($runConfig: RunConfigInput!) {\n    createAgent(name: \"crash-bot\") {\n      id\n    }\n    createAgentVersion(agentName: \"crash-bot\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCrashAgent($runConfig: RunConfigInput!) {\n    createAgent(name: \"crash-bot\") {\n      id\n    }\n    createAgentVersion(agentName: \"crash-bot\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApprovalAgent($runConfig: RunConfigInput!) {\n    createAgent(name: \"scaled-bot\") {\n      id\n    }\n    createAgentVersion(agentName: \"scaled-bot\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApprovalAgent($runConfig: RunConfigInput!) {\n    createAgent(name: \"scaled-bot\") {\n      id\n    }\n    createAgentVersion(agentName: \"scaled-bot\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartScaledExecution($agentId: ID) {\n    createExecution(input: { agentId: $agentId, messages: [{ role: \"user\", content: \"go\" }] }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation StartScaledExecution($agentId: ID) {\n    createExecution(input: { agentId: $agentId, messages: [{ role: \"user\", content: \"go\" }] }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ScaledEvents($executionId: ID!) {\n    executionEvents(executionId: $executionId) {\n      __typename\n      ... on ExecutionStatusChanged {\n        seq\n        status\n      }\n      ... on ExecutionTextDelta {\n        seq\n        text\n      }\n      ... on ExecutionApprovalRequested {\n        seq\n        toolCallId\n      }\n      ... on ExecutionApprovalDecided {\n        seq\n      }\n      ... on ExecutionToolResult {\n        seq\n      }\n      ... on ExecutionToolCallRequested {\n        seq\n      }\n      ... on ExecutionFinished {\n        seq\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription ScaledEvents($executionId: ID!) {\n    executionEvents(executionId: $executionId) {\n      __typename\n      ... on ExecutionStatusChanged {\n        seq\n        status\n      }\n      ... on ExecutionTextDelta {\n        seq\n        text\n      }\n      ... on ExecutionApprovalRequested {\n        seq\n        toolCallId\n      }\n      ... on ExecutionApprovalDecided {\n        seq\n      }\n      ... on ExecutionToolResult {\n        seq\n      }\n      ... on ExecutionToolCallRequested {\n        seq\n      }\n      ... on ExecutionFinished {\n        seq\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveScaled($executionId: ID!, $toolCallId: String!) {\n    approveToolCall(executionId: $executionId, toolCallId: $toolCallId, approved: true) {\n      success\n    }\n  }\n"): (typeof documents)["\n  mutation ApproveScaled($executionId: ID!, $toolCallId: String!) {\n    approveToolCall(executionId: $executionId, toolCallId: $toolCallId, approved: true) {\n      success\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateLapsingAgent($runConfig: RunConfigInput!) {\n    createAgent(name: \"lapsing-bot\") {\n      id\n    }\n    createAgentVersion(agentName: \"lapsing-bot\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateLapsingAgent($runConfig: RunConfigInput!) {\n    createAgent(name: \"lapsing-bot\") {\n      id\n    }\n    createAgentVersion(agentName: \"lapsing-bot\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartLapsingRun($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation StartLapsingRun($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LapsingRunState($id: ID!) {\n    execution(id: $id) {\n      status\n    }\n  }\n"): (typeof documents)["\n  query LapsingRunState($id: ID!) {\n    execution(id: $id) {\n      status\n    }\n  }\n"];
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
export function graphql(source: "\n  mutation RevokeApiKeyScaleOut($id: ID!) {\n    revokeApiKey(id: $id) {\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiKeyScaleOut($id: ID!) {\n    revokeApiKey(id: $id) {\n      revokedAt\n    }\n  }\n"];
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
export function graphql(source: "\n  mutation PipelineEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PipelineEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PipelineEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      created\n    }\n  }\n"): (typeof documents)["\n  mutation PipelineEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      created\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PipelineDeliveries($filter: WebhookDeliveryFilter) {\n    webhookDeliveries(filter: $filter, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          status\n          attempts {\n            number\n            responseStatus\n            nextAttemptAt\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PipelineDeliveries($filter: WebhookDeliveryFilter) {\n    webhookDeliveries(filter: $filter, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          status\n          attempts {\n            number\n            responseStatus\n            nextAttemptAt\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PipelineOutcomes($filter: AuditEventFilter) {\n    auditEvents(filter: $filter, first: 100) {\n      edges {\n        node {\n          resourceId\n          correlationId\n          cause {\n            eventType\n            correlationId\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PipelineOutcomes($filter: AuditEventFilter) {\n    auditEvents(filter: $filter, first: 100) {\n      edges {\n        node {\n          resourceId\n          correlationId\n          cause {\n            eventType\n            correlationId\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      endpoint {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      endpoint {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Deliveries($filter: WebhookDeliveryFilter) {\n    webhookDeliveries(filter: $filter, first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          messageId\n          eventType\n          status\n          attemptCount\n          nextAttemptAt\n          attempts {\n            number\n            trigger\n            responseStatus\n            error\n            nextAttemptAt\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Deliveries($filter: WebhookDeliveryFilter) {\n    webhookDeliveries(filter: $filter, first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          messageId\n          eventType\n          status\n          attemptCount\n          nextAttemptAt\n          attempts {\n            number\n            trigger\n            responseStatus\n            error\n            nextAttemptAt\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Endpoints {\n    webhookEndpoints {\n      id\n      enabled\n      disabledReason\n    }\n  }\n"): (typeof documents)["\n  query Endpoints {\n    webhookEndpoints {\n      id\n      enabled\n      disabledReason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Redeliver($deliveryId: ID!) {\n    redeliver(deliveryId: $deliveryId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation Redeliver($deliveryId: ID!) {\n    redeliver(deliveryId: $deliveryId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Recover($endpointId: ID!, $since: DateTime!) {\n    recoverEndpoint(endpointId: $endpointId, since: $since)\n  }\n"): (typeof documents)["\n  mutation Recover($endpointId: ID!, $since: DateTime!) {\n    recoverEndpoint(endpointId: $endpointId, since: $since)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DeliveryUpdates($endpointId: ID!) {\n    webhookDeliveryUpdated(endpointId: $endpointId) {\n      eventType\n      status\n      attemptCount\n    }\n  }\n"): (typeof documents)["\n  subscription DeliveryUpdates($endpointId: ID!) {\n    webhookDeliveryUpdated(endpointId: $endpointId) {\n      eventType\n      status\n      attemptCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateEndpointSecret($id: ID!) {\n    rotateWebhookEndpointSecret(id: $id) {\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation RotateEndpointSecret($id: ID!) {\n    rotateWebhookEndpointSecret(id: $id) {\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogEventConcurrently($input: LogEventInput!) {\n    logEvent(input: $input) {\n      created\n      event {\n        id\n        type\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LogEventConcurrently($input: LogEventInput!) {\n    logEvent(input: $input) {\n      created\n      event {\n        id\n        type\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateBatchEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateBatchEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BatchDeliveries($filter: WebhookDeliveryFilter) {\n    webhookDeliveries(filter: $filter, first: 50) {\n      edges {\n        node {\n          eventType\n          payload\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BatchDeliveries($filter: WebhookDeliveryFilter) {\n    webhookDeliveries(filter: $filter, first: 50) {\n      edges {\n        node {\n          eventType\n          payload\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      created\n      event {\n        id\n        type\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LogEvents($inputs: [LogEventInput!]!) {\n    logEvents(inputs: $inputs) {\n      created\n      event {\n        id\n        type\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateVisibleRunAgent($runConfig: RunConfigInput!) {\n    createAgent(name: \"visible-bot\") {\n      id\n    }\n    createAgentVersion(agentName: \"visible-bot\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateVisibleRunAgent($runConfig: RunConfigInput!) {\n    createAgent(name: \"visible-bot\") {\n      id\n    }\n    createAgentVersion(agentName: \"visible-bot\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateVisibleRun($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateVisibleRun($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveVisibleRun($executionId: ID!, $toolCallId: String!) {\n    approveToolCall(executionId: $executionId, toolCallId: $toolCallId, approved: true) {\n      success\n    }\n  }\n"): (typeof documents)["\n  mutation ApproveVisibleRun($executionId: ID!, $toolCallId: String!) {\n    approveToolCall(executionId: $executionId, toolCallId: $toolCallId, approved: true) {\n      success\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription VisibleRunUpdates($filter: ExecutionFilter) {\n    executionUpdated(filter: $filter) {\n      id\n      status\n      journalLength\n    }\n  }\n"): (typeof documents)["\n  subscription VisibleRunUpdates($filter: ExecutionFilter) {\n    executionUpdated(filter: $filter) {\n      id\n      status\n      journalLength\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription VisibleRunJournal($executionId: ID!) {\n    executionEvents(executionId: $executionId) {\n      __typename\n      ... on ExecutionStatusChanged {\n        seq\n        status\n      }\n      ... on ExecutionTextDelta {\n        seq\n      }\n      ... on ExecutionToolCallRequested {\n        seq\n      }\n      ... on ExecutionApprovalRequested {\n        seq\n      }\n      ... on ExecutionApprovalDecided {\n        seq\n      }\n      ... on ExecutionToolResult {\n        seq\n      }\n      ... on ExecutionFinished {\n        seq\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription VisibleRunJournal($executionId: ID!) {\n    executionEvents(executionId: $executionId) {\n      __typename\n      ... on ExecutionStatusChanged {\n        seq\n        status\n      }\n      ... on ExecutionTextDelta {\n        seq\n      }\n      ... on ExecutionToolCallRequested {\n        seq\n      }\n      ... on ExecutionApprovalRequested {\n        seq\n      }\n      ... on ExecutionApprovalDecided {\n        seq\n      }\n      ... on ExecutionToolResult {\n        seq\n      }\n      ... on ExecutionFinished {\n        seq\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateExecution($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n      status\n      correlationId\n      agent {\n        name\n      }\n      conversation {\n        conversationId\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateExecution($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n      status\n      correlationId\n      agent {\n        name\n      }\n      conversation {\n        conversationId\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExecutionEvents($executionId: ID!, $after: Int) {\n    executionEvents(executionId: $executionId, after: $after) {\n      __typename\n      ... on ExecutionTextDelta {\n        seq\n        text\n      }\n      ... on ExecutionStatusChanged {\n        seq\n        status\n      }\n      ... on ExecutionToolCallRequested {\n        seq\n        toolCallId\n        name\n      }\n      ... on ExecutionApprovalRequested {\n        seq\n        toolCallId\n      }\n      ... on ExecutionApprovalDecided {\n        seq\n        approved\n        reason\n      }\n      ... on ExecutionToolResult {\n        seq\n        toolCallId\n        result\n        isError\n      }\n      ... on ExecutionFinished {\n        seq\n        status\n      }\n      ... on ExecutionStepRestarted {\n        seq\n      }\n      ... on ExecutionErrorOccurred {\n        seq\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription ExecutionEvents($executionId: ID!, $after: Int) {\n    executionEvents(executionId: $executionId, after: $after) {\n      __typename\n      ... on ExecutionTextDelta {\n        seq\n        text\n      }\n      ... on ExecutionStatusChanged {\n        seq\n        status\n      }\n      ... on ExecutionToolCallRequested {\n        seq\n        toolCallId\n        name\n      }\n      ... on ExecutionApprovalRequested {\n        seq\n        toolCallId\n      }\n      ... on ExecutionApprovalDecided {\n        seq\n        approved\n        reason\n      }\n      ... on ExecutionToolResult {\n        seq\n        toolCallId\n        result\n        isError\n      }\n      ... on ExecutionFinished {\n        seq\n        status\n      }\n      ... on ExecutionStepRestarted {\n        seq\n      }\n      ... on ExecutionErrorOccurred {\n        seq\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExecutionState($id: ID!) {\n    execution(id: $id) {\n      status\n      journalLength\n      toolCalls {\n        toolCallId\n        status\n        approved\n        result\n      }\n      conversation {\n        messages {\n          edges {\n            node {\n              role\n              content\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ExecutionState($id: ID!) {\n    execution(id: $id) {\n      status\n      journalLength\n      toolCalls {\n        toolCallId\n        status\n        approved\n        result\n      }\n      conversation {\n        messages {\n          edges {\n            node {\n              role\n              content\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateScriptedVersion($agentName: String!, $name: String!, $runConfig: RunConfigInput) {\n    createAgentVersion(agentName: $agentName, name: $name, runConfig: $runConfig) {\n      id\n      agent {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateScriptedVersion($agentName: String!, $name: String!, $runConfig: RunConfigInput) {\n    createAgentVersion(agentName: $agentName, name: $name, runConfig: $runConfig) {\n      id\n      agent {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TypedRunConfigVersion($agentName: String!, $runConfig: RunConfigInput) {\n    createAgentVersion(agentName: $agentName, name: \"typed\", runConfig: $runConfig) {\n      runConfig {\n        provider {\n          type\n          turns {\n            text\n            delayMs\n            toolCalls {\n              name\n              arguments\n            }\n          }\n          model\n        }\n        systemPrompt\n        tools {\n          name\n          parameters\n          requiresApproval\n          executor {\n            type\n            url\n            name\n          }\n        }\n        forwardedHeaders\n        approvalTimeoutSeconds\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TypedRunConfigVersion($agentName: String!, $runConfig: RunConfigInput) {\n    createAgentVersion(agentName: $agentName, name: \"typed\", runConfig: $runConfig) {\n      runConfig {\n        provider {\n          type\n          turns {\n            text\n            delayMs\n            toolCalls {\n              name\n              arguments\n            }\n          }\n          model\n        }\n        systemPrompt\n        tools {\n          name\n          parameters\n          requiresApproval\n          executor {\n            type\n            url\n            name\n          }\n        }\n        forwardedHeaders\n        approvalTimeoutSeconds\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAgentForRuns($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateAgentForRuns($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveToolCall(\n    $executionId: ID!\n    $toolCallId: String!\n    $approved: Boolean!\n    $reason: String\n  ) {\n    approveToolCall(\n      executionId: $executionId\n      toolCallId: $toolCallId\n      approved: $approved\n      reason: $reason\n    ) {\n      success\n    }\n  }\n"): (typeof documents)["\n  mutation ApproveToolCall(\n    $executionId: ID!\n    $toolCallId: String!\n    $approved: Boolean!\n    $reason: String\n  ) {\n    approveToolCall(\n      executionId: $executionId\n      toolCallId: $toolCallId\n      approved: $approved\n      reason: $reason\n    ) {\n      success\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditEventsByCorrelation($correlationId: String!) {\n    auditEventsByCorrelation(correlationId: $correlationId) {\n      edges {\n        node {\n          id\n          eventType\n          outcome\n          causationId\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditEventsByCorrelation($correlationId: String!) {\n    auditEventsByCorrelation(correlationId: $correlationId) {\n      edges {\n        node {\n          id\n          eventType\n          outcome\n          causationId\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentLlmCalls($filter: LlmEventFilter) {\n    llmEvents(filter: $filter) {\n      edges {\n        node {\n          model\n          inputTokens\n          outputTokens\n          finishReason\n          costUsd\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AgentLlmCalls($filter: LlmEventFilter) {\n    llmEvents(filter: $filter) {\n      edges {\n        node {\n          model\n          inputTokens\n          outputTokens\n          finishReason\n          costUsd\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExecutionUpdated($filter: ExecutionFilter) {\n    executionUpdated(filter: $filter) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  subscription ExecutionUpdated($filter: ExecutionFilter) {\n    executionUpdated(filter: $filter) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelExecution($id: ID!) {\n    cancelExecution(id: $id) {\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation CancelExecution($id: ID!) {\n    cancelExecution(id: $id) {\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AppEventLoggedProperties($filter: AppEventFilter) {\n    appEventLogged(filter: $filter) {\n      id\n      properties\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  subscription AppEventLoggedProperties($filter: AppEventFilter) {\n    appEventLogged(filter: $filter) {\n      id\n      properties\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateEchoAgent($runConfig: RunConfigInput!) {\n    createAgent(name: \"echo-keys\") {\n      id\n    }\n    createAgentVersion(agentName: \"echo-keys\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateEchoAgent($runConfig: RunConfigInput!) {\n    createAgent(name: \"echo-keys\") {\n      id\n    }\n    createAgentVersion(agentName: \"echo-keys\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunEcho($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RunEcho($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EchoRunState($id: ID!) {\n    execution(id: $id) {\n      status\n      toolCalls {\n        result\n      }\n    }\n  }\n"): (typeof documents)["\n  query EchoRunState($id: ID!) {\n    execution(id: $id) {\n      status\n      toolCalls {\n        result\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePayloadsAgent {\n    createAgent(name: \"webhook-keys\") {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreatePayloadsAgent {\n    createAgent(name: \"webhook-keys\") {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestClientsVersion($agentName: String!, $versionName: String!) {\n    agent(name: $agentName) {\n      id\n      version(name: $versionName) {\n        id\n        runConfig {\n          provider {\n            type\n          }\n          tools {\n            name\n            requiresApproval\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RestClientsVersion($agentName: String!, $versionName: String!) {\n    agent(name: $agentName) {\n      id\n      version(name: $versionName) {\n        id\n        runConfig {\n          provider {\n            type\n          }\n          tools {\n            name\n            requiresApproval\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestClientsTriggerByName($agent: ID!, $id: String!) {\n    trigger(agentId: $agent, id: $id) {\n      id\n    }\n    triggers(agentId: $agent) {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RestClientsTriggerByName($agent: ID!, $id: String!) {\n    trigger(agentId: $agent, id: $id) {\n      id\n    }\n    triggers(agentId: $agent) {\n      totalCount\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestClientsUpdateTriggerByName($agent: ID!, $id: String!) {\n    updateTrigger(agentId: $agent, id: $id, changes: { description: \"via the agent's name\" }) {\n      description\n    }\n  }\n"): (typeof documents)["\n  mutation RestClientsUpdateTriggerByName($agent: ID!, $id: String!) {\n    updateTrigger(agentId: $agent, id: $id, changes: { description: \"via the agent's name\" }) {\n      description\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AnswersEcho {\n    createExecution(input: { messages: [{ role: \"user\", content: \"one two three\" }] }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AnswersEcho {\n    createExecution(input: { messages: [{ role: \"user\", content: \"one two three\" }] }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AnswersEventFeed {\n    appEventLogged {\n      properties\n      again: properties\n    }\n  }\n"): (typeof documents)["\n  subscription AnswersEventFeed {\n    appEventLogged {\n      properties\n      again: properties\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FanOutAgent($runConfig: RunConfigInput) {\n    createAgent(name: \"fan-out\") {\n      id\n    }\n    createAgentVersion(agentName: \"fan-out\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation FanOutAgent($runConfig: RunConfigInput) {\n    createAgent(name: \"fan-out\") {\n      id\n    }\n    createAgentVersion(agentName: \"fan-out\", name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FanOutRun($agentId: ID) {\n    createExecution(input: { agentId: $agentId, messages: [{ role: \"user\", content: \"go\" }] }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation FanOutRun($agentId: ID) {\n    createExecution(input: { agentId: $agentId, messages: [{ role: \"user\", content: \"go\" }] }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FanOutEcho {\n    createExecution(input: { messages: [{ role: \"user\", content: \"one two three four five\" }] }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation FanOutEcho {\n    createExecution(input: { messages: [{ role: \"user\", content: \"one two three four five\" }] }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FanOutApprove($executionId: ID!) {\n    approveToolCall(executionId: $executionId, toolCallId: \"call_1_1\", approved: true) {\n      success\n    }\n  }\n"): (typeof documents)["\n  mutation FanOutApprove($executionId: ID!) {\n    approveToolCall(executionId: $executionId, toolCallId: \"call_1_1\", approved: true) {\n      success\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SharedEventFeed {\n    appEventLogged {\n      type\n    }\n  }\n"): (typeof documents)["\n  subscription SharedEventFeed {\n    appEventLogged {\n      type\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SharedExecutionUpdates($filter: ExecutionFilter) {\n    executionUpdated(filter: $filter) {\n      status\n      agent {\n        name\n        version(name: \"v1\") {\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription SharedExecutionUpdates($filter: ExecutionFilter) {\n    executionUpdated(filter: $filter) {\n      status\n      agent {\n        name\n        version(name: \"v1\") {\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SharedRunStart($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SharedRunStart($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateFingerprintId($input: CreateFingerprintInput!) {\n    createFingerprint(input: $input) {\n      fingerprint {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateFingerprintId($input: CreateFingerprintInput!) {\n    createFingerprint(input: $input) {\n      fingerprint {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordLlmEvents($inputs: [CreateLlmEventInput!]!) {\n    createLlmEvents(inputs: $inputs) {\n      ...LlmEventFields\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  mutation RecordLlmEvents($inputs: [CreateLlmEventInput!]!) {\n    createLlmEvents(inputs: $inputs) {\n      ...LlmEventFields\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TelemetryUsage($groupBy: [TelemetryUsageDimension!], $filter: LlmEventFilter) {\n    telemetryUsage(groupBy: $groupBy, filter: $filter) {\n      agent\n      version\n      model\n      provider\n      person\n      day\n      count\n      inputTokens\n      outputTokens\n      cachedInputTokens\n      costUsd\n      unpricedCount\n      errorCount\n      errorRate\n      p50LatencyMs\n      p95LatencyMs\n    }\n  }\n"): (typeof documents)["\n  query TelemetryUsage($groupBy: [TelemetryUsageDimension!], $filter: LlmEventFilter) {\n    telemetryUsage(groupBy: $groupBy, filter: $filter) {\n      agent\n      version\n      model\n      provider\n      person\n      day\n      count\n      inputTokens\n      outputTokens\n      cachedInputTokens\n      costUsd\n      unpricedCount\n      errorCount\n      errorRate\n      p50LatencyMs\n      p95LatencyMs\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventPage($first: Int) {\n    llmEvents(first: $first) {\n      edges {\n        node {\n          id\n          agent {\n            name\n          }\n          agentVersion {\n            name\n          }\n          person {\n            personId\n          }\n          session {\n            sessionId\n          }\n          fingerprint {\n            language\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query EventPage($first: Int) {\n    llmEvents(first: $first) {\n      edges {\n        node {\n          id\n          agent {\n            name\n          }\n          agentVersion {\n            name\n          }\n          person {\n            personId\n          }\n          session {\n            sessionId\n          }\n          fingerprint {\n            language\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TelemetryRunAgent($name: String!, $runConfig: RunConfigInput) {\n    createAgent(name: $name) {\n      id\n    }\n    createAgentVersion(agentName: $name, name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation TelemetryRunAgent($name: String!, $runConfig: RunConfigInput) {\n    createAgent(name: $name) {\n      id\n    }\n    createAgentVersion(agentName: $name, name: \"v1\", runConfig: $runConfig) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TelemetryRunExecution($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n      correlationId\n    }\n  }\n"): (typeof documents)["\n  mutation TelemetryRunExecution($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n      correlationId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TelemetryRunLlmEvents($filter: LlmEventFilter) {\n    llmEvents(filter: $filter) {\n      edges {\n        node {\n          id\n          provider\n          model\n          inputTokens\n          outputTokens\n          finishReason\n          latencyMs\n          costUsd\n          properties\n          toolCalls {\n            id\n            name\n          }\n          fingerprint {\n            system\n          }\n          agent {\n            name\n          }\n          agentVersion {\n            name\n          }\n          session {\n            sessionId\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TelemetryRunLlmEvents($filter: LlmEventFilter) {\n    llmEvents(filter: $filter) {\n      edges {\n        node {\n          id\n          provider\n          model\n          inputTokens\n          outputTokens\n          finishReason\n          latencyMs\n          costUsd\n          properties\n          toolCalls {\n            id\n            name\n          }\n          fingerprint {\n            system\n          }\n          agent {\n            name\n          }\n          agentVersion {\n            name\n          }\n          session {\n            sessionId\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TelemetryRunUsage($filter: LlmEventFilter) {\n    telemetryUsage(filter: $filter) {\n      count\n      inputTokens\n      outputTokens\n    }\n  }\n"): (typeof documents)["\n  query TelemetryRunUsage($filter: LlmEventFilter) {\n    telemetryUsage(filter: $filter) {\n      count\n      inputTokens\n      outputTokens\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RollupFingerprint($input: CreateFingerprintInput!) {\n    createFingerprint(input: $input) {\n      fingerprint {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RollupFingerprint($input: CreateFingerprintInput!) {\n    createFingerprint(input: $input) {\n      fingerprint {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RollupLlmEvents($inputs: [CreateLlmEventInput!]!) {\n    createLlmEvents(inputs: $inputs) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RollupLlmEvents($inputs: [CreateLlmEventInput!]!) {\n    createLlmEvents(inputs: $inputs) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RollupUsage($groupBy: [TelemetryUsageDimension!], $filter: LlmEventFilter) {\n    telemetryUsage(groupBy: $groupBy, filter: $filter) {\n      agent\n      version\n      model\n      provider\n      person\n      day\n      count\n      inputTokens\n      outputTokens\n      cachedInputTokens\n      costUsd\n      unpricedCount\n      errorCount\n      p50LatencyMs\n      p95LatencyMs\n    }\n  }\n"): (typeof documents)["\n  query RollupUsage($groupBy: [TelemetryUsageDimension!], $filter: LlmEventFilter) {\n    telemetryUsage(groupBy: $groupBy, filter: $filter) {\n      agent\n      version\n      model\n      provider\n      person\n      day\n      count\n      inputTokens\n      outputTokens\n      cachedInputTokens\n      costUsd\n      unpricedCount\n      errorCount\n      p50LatencyMs\n      p95LatencyMs\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RollupUsageLatencyFragments {\n    telemetryUsage(groupBy: [MODEL]) {\n      model\n      count\n      ...RollupUsageP95\n      ... on TelemetryUsageGroup {\n        median: p50LatencyMs\n      }\n    }\n  }\n  fragment RollupUsageP95 on TelemetryUsageGroup {\n    p95LatencyMs\n  }\n"): (typeof documents)["\n  query RollupUsageLatencyFragments {\n    telemetryUsage(groupBy: [MODEL]) {\n      model\n      count\n      ...RollupUsageP95\n      ... on TelemetryUsageGroup {\n        median: p50LatencyMs\n      }\n    }\n  }\n  fragment RollupUsageP95 on TelemetryUsageGroup {\n    p95LatencyMs\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RollupUsageP95Only {\n    telemetryUsage(groupBy: [MODEL]) {\n      model\n      count\n      p95LatencyMs\n    }\n  }\n"): (typeof documents)["\n  query RollupUsageP95Only {\n    telemetryUsage(groupBy: [MODEL]) {\n      model\n      count\n      p95LatencyMs\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TelemetryWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TelemetryWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateFingerprint($input: CreateFingerprintInput!) {\n    createFingerprint(input: $input) {\n      created\n      fingerprint {\n        id\n        language\n        allPackages\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateFingerprint($input: CreateFingerprintInput!) {\n    createFingerprint(input: $input) {\n      created\n      fingerprint {\n        id\n        language\n        allPackages\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateLlmEvent($input: CreateLlmEventInput!) {\n    createLlmEvent(input: $input) {\n      ...LlmEventFields\n      agent {\n        name\n        number\n      }\n      agentVersion {\n        name\n        number\n      }\n      person {\n        personId\n      }\n      session {\n        sessionId\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateLlmEvent($input: CreateLlmEventInput!) {\n    createLlmEvent(input: $input) {\n      ...LlmEventFields\n      agent {\n        name\n        number\n      }\n      agentVersion {\n        name\n        number\n      }\n      person {\n        personId\n      }\n      session {\n        sessionId\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonWithSessions($id: String!) {\n    person(id: $id) {\n      personId\n      properties\n      sessions {\n        totalCount\n        edges {\n          node {\n            sessionId\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PersonWithSessions($id: String!) {\n    person(id: $id) {\n      personId\n      properties\n      sessions {\n        totalCount\n        edges {\n          node {\n            sessionId\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePerson($personId: String!, $properties: JSONObject!, $mode: PersonUpdateMode) {\n    updatePerson(personId: $personId, properties: $properties, mode: $mode) {\n      personId\n      properties\n    }\n  }\n"): (typeof documents)["\n  mutation UpdatePerson($personId: String!, $properties: JSONObject!, $mode: PersonUpdateMode) {\n    updatePerson(personId: $personId, properties: $properties, mode: $mode) {\n      personId\n      properties\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionEvents($id: String!) {\n    session(id: $id) {\n      sessionId\n      person {\n        personId\n      }\n      events {\n        totalCount\n        edges {\n          node {\n            id\n            model\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SessionEvents($id: String!) {\n    session(id: $id) {\n      sessionId\n      person {\n        personId\n      }\n      events {\n        totalCount\n        edges {\n          node {\n            id\n            model\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentWithVersions($name: String!) {\n    agent(name: $name) {\n      name\n      number\n      deprecatedAt\n      versions {\n        name\n        number\n        deprecatedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query AgentWithVersions($name: String!) {\n    agent(name: $name) {\n      name\n      number\n      deprecatedAt\n      versions {\n        name\n        number\n        deprecatedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAgentVersion($agentName: String!, $name: String!, $changes: AgentChangesInput!) {\n    updateAgentVersion(agentName: $agentName, name: $name, changes: $changes) {\n      name\n      deprecatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateAgentVersion($agentName: String!, $name: String!, $changes: AgentChangesInput!) {\n    updateAgentVersion(agentName: $agentName, name: $name, changes: $changes) {\n      name\n      deprecatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LlmEvents($filter: LlmEventFilter, $first: Int) {\n    llmEvents(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          model\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query LlmEvents($filter: LlmEventFilter, $first: Int) {\n    llmEvents(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          model\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LlmEventRecorded($filter: LlmEventFilter) {\n    llmEventRecorded(filter: $filter) {\n      id\n      model\n      agent {\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription LlmEventRecorded($filter: LlmEventFilter) {\n    llmEventRecorded(filter: $filter) {\n      id\n      model\n      agent {\n        name\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  mutation EventsAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation EventsAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation EventsEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventsStats {\n    auditStatsByActor {\n      actorId\n      successes\n      failures\n    }\n  }\n"): (typeof documents)["\n  query EventsStats {\n    auditStatsByActor {\n      actorId\n      successes\n      failures\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventsChain($correlationId: String!) {\n    auditEventsByCorrelation(correlationId: $correlationId) {\n      edges {\n        node {\n          id\n          eventType\n          causationId\n          outcome\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query EventsChain($correlationId: String!) {\n    auditEventsByCorrelation(correlationId: $correlationId) {\n      edges {\n        node {\n          id\n          eventType\n          causationId\n          outcome\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartsAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation StartsAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StartsChain($correlationId: String!) {\n    auditEventsByCorrelation(correlationId: $correlationId) {\n      edges {\n        node {\n          id\n          eventType\n          causationId\n          actorType\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query StartsChain($correlationId: String!) {\n    auditEventsByCorrelation(correlationId: $correlationId) {\n      edges {\n        node {\n          id\n          eventType\n          causationId\n          actorType\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StartsInvocation($agentId: ID!, $id: String!) {\n    trigger(agentId: $agentId, id: $id) {\n      invocations(first: 1) {\n        edges {\n          node {\n            id\n            status\n            execution {\n              id\n              status\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query StartsInvocation($agentId: ID!, $id: String!) {\n    trigger(agentId: $agentId, id: $id) {\n      invocations(first: 1) {\n        edges {\n          node {\n            id\n            status\n            execution {\n              id\n              status\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTriggerAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateTriggerAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSigningCredential($name: String!, $secret: String) {\n    createCredential(name: $name, secret: $secret) {\n      secret\n      credential {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSigningCredential($name: String!, $secret: String) {\n    createCredential(name: $name, secret: $secret) {\n      secret\n      credential {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateSigningCredential($id: ID!, $secret: String) {\n    rotateCredential(id: $id, secret: $secret) {\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation RotateSigningCredential($id: ID!, $secret: String) {\n    rotateCredential(id: $id, secret: $secret) {\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListCredentials {\n    credentials {\n      id\n      name\n      rotatedAt\n    }\n  }\n"): (typeof documents)["\n  query ListCredentials {\n    credentials {\n      id\n      name\n      rotatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RerunInvocation($invocationId: ID!) {\n    rerunInvocation(invocationId: $invocationId) {\n      id\n      status\n      message\n      execution {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RerunInvocation($invocationId: ID!) {\n    rerunInvocation(invocationId: $invocationId) {\n      id\n      status\n      message\n      execution {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TriggerWithInvocations($agentId: ID!, $id: String!) {\n    trigger(agentId: $agentId, id: $id) {\n      webhookUrl\n      invocations(first: 5) {\n        totalCount\n        edges {\n          node {\n            status\n            execution {\n              status\n            }\n            conversation {\n              conversationId\n              messages {\n                totalCount\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TriggerWithInvocations($agentId: ID!, $id: String!) {\n    trigger(agentId: $agentId, id: $id) {\n      webhookUrl\n      invocations(first: 5) {\n        totalCount\n        edges {\n          node {\n            status\n            execution {\n              status\n            }\n            conversation {\n              conversationId\n              messages {\n                totalCount\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription InvocationUpdates($agentId: ID!, $triggerId: String!) {\n    triggerInvocationUpdated(agentId: $agentId, triggerId: $triggerId) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  subscription InvocationUpdates($agentId: ID!, $triggerId: String!) {\n    triggerInvocationUpdated(agentId: $agentId, triggerId: $triggerId) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteCredential($id: ID!) {\n    deleteCredential(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteCredential($id: ID!) {\n    deleteCredential(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditChain($correlationId: String!) {\n    auditEventsByCorrelation(correlationId: $correlationId) {\n      edges {\n        node {\n          eventType\n          actorType\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditChain($correlationId: String!) {\n    auditEventsByCorrelation(correlationId: $correlationId) {\n      edges {\n        node {\n          eventType\n          actorType\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateWebhookUrl($agentId: ID!, $id: String!) {\n    rotateTriggerWebhookUrl(agentId: $agentId, id: $id) {\n      id\n      webhookUrl\n      invocations(first: 10) {\n        totalCount\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RotateWebhookUrl($agentId: ID!, $id: String!) {\n    rotateTriggerWebhookUrl(agentId: $agentId, id: $id) {\n      id\n      webhookUrl\n      invocations(first: 10) {\n        totalCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentExecutions($agentId: ID!) {\n    executions(filter: { agentId: $agentId }, first: 50) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query AgentExecutions($agentId: ID!) {\n    executions(filter: { agentId: $agentId }, first: 50) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TypedTriggerFields on Trigger {\n    id\n    webhookUrl\n    outputTransform {\n      expression\n      fields {\n        name\n        expression\n      }\n    }\n    authentication {\n      type\n      header\n      in\n      name\n      username\n    }\n    signatureVerification {\n      algorithm\n      encoding\n      signature {\n        source\n        key\n        prefix\n      }\n      signedComponents {\n        source\n        key\n        required\n      }\n      componentJoin {\n        strategy\n        separator\n      }\n      validation {\n        allowEmptyBody\n      }\n      secretEncoding\n      timestamp {\n        source\n        key\n        toleranceSeconds\n      }\n      deliveryId {\n        source\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment TypedTriggerFields on Trigger {\n    id\n    webhookUrl\n    outputTransform {\n      expression\n      fields {\n        name\n        expression\n      }\n    }\n    authentication {\n      type\n      header\n      in\n      name\n      username\n    }\n    signatureVerification {\n      algorithm\n      encoding\n      signature {\n        source\n        key\n        prefix\n      }\n      signedComponents {\n        source\n        key\n        required\n      }\n      componentJoin {\n        strategy\n        separator\n      }\n      validation {\n        allowEmptyBody\n      }\n      secretEncoding\n      timestamp {\n        source\n        key\n        toleranceSeconds\n      }\n      deliveryId {\n        source\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TypedCreateTrigger($agentId: ID!, $input: CreateTriggerInput!) {\n    createTrigger(agentId: $agentId, input: $input) {\n      ...TypedTriggerFields\n    }\n  }\n"): (typeof documents)["\n  mutation TypedCreateTrigger($agentId: ID!, $input: CreateTriggerInput!) {\n    createTrigger(agentId: $agentId, input: $input) {\n      ...TypedTriggerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TypedUpdateTrigger($agentId: ID!, $id: String!, $changes: UpdateTriggerInput!) {\n    updateTrigger(agentId: $agentId, id: $id, changes: $changes) {\n      ...TypedTriggerFields\n    }\n  }\n"): (typeof documents)["\n  mutation TypedUpdateTrigger($agentId: ID!, $id: String!, $changes: UpdateTriggerInput!) {\n    updateTrigger(agentId: $agentId, id: $id, changes: $changes) {\n      ...TypedTriggerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MetricsCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation MetricsCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MetricsCreateExecution($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation MetricsCreateExecution($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MetricsCreateAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation MetricsCreateAgent($name: String!) {\n    createAgent(name: $name) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TracingCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TracingCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BatchedExecutionUpdates($filter: ExecutionFilter) {\n    executionUpdated(filter: $filter) {\n      id\n      status\n      agent {\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription BatchedExecutionUpdates($filter: ExecutionFilter) {\n    executionUpdated(filter: $filter) {\n      id\n      status\n      agent {\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BatchedStart($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation BatchedStart($input: CreateExecutionInput!) {\n    createExecution(input: $input) {\n      id\n    }\n  }\n"];
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
export function graphql(source: "\n  mutation CreateApiKey(\n    $name: String!\n    $tenantId: ID\n    $projectId: ID\n    $actorType: ApiKeyActorType\n  ) {\n    createApiKey(name: $name, tenantId: $tenantId, projectId: $projectId, actorType: $actorType) {\n      secret\n      apiKey {\n        id\n        name\n        actorType\n        project {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey(\n    $name: String!\n    $tenantId: ID\n    $projectId: ID\n    $actorType: ApiKeyActorType\n  ) {\n    createApiKey(name: $name, tenantId: $tenantId, projectId: $projectId, actorType: $actorType) {\n      secret\n      apiKey {\n        id\n        name\n        actorType\n        project {\n          id\n        }\n      }\n    }\n  }\n"];
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
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LlmEventFields on LlmEvent {\n    id\n    provider\n    model\n    inputTokens\n    outputTokens\n    cachedInputTokens\n    toolCalls {\n      id\n      name\n      arguments\n    }\n    finishReason\n    error\n    latencyMs\n    costUsd\n  }\n"): (typeof documents)["\n  fragment LlmEventFields on LlmEvent {\n    id\n    provider\n    model\n    inputTokens\n    outputTokens\n    cachedInputTokens\n    toolCalls {\n      id\n      name\n      arguments\n    }\n    finishReason\n    error\n    latencyMs\n    costUsd\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;