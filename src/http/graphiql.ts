import type { GraphiQLOptions } from 'graphql-yoga';

/**
 * The README's GraphQL examples, in its order: GraphiQL opens with one tab each. A test runs the
 * README's blocks in order against a fresh server and checks they are these, so neither drifts.
 */
export const EXAMPLES = [
  `# Headers: {"Authorization": "Bearer sb_admin_..."}
mutation CreateTenant { createTenant(name: "acme") { id } }
mutation CreateKey { createApiKey(tenantId: "<tenant id>", name: "backend") { secret } }
`,
  `# Headers: {"Authorization": "Bearer <secret>"}
query Me { viewer { kind tenantId } }
mutation LogEvent { logEvent(input: { type: "message.sent", conversationId: "c1", properties: { text: "hi" } }) { created event { id } } }
subscription MessagesSent { appEventLogged(filter: { type: "message.sent" }) { id type createdAt } }
query AuditLog { auditEvents(first: 10) { totalCount edges { node { eventType actorType resourceId outcome } } } }
`,
  `mutation CreateFingerprint { createFingerprint(input: { language: "python", languageVersion: "3.12", system: "linux" }) { fingerprint { id } } }
mutation RecordLlmCall { createLlmEvent(input: { fingerprintId: "<fingerprint id>", agent: "chatbot", person: "u1", session: "s1",
  properties: { inputs: { model: "gpt-4o", messages: [] }, outputs: { object: "chat.completion", model: "gpt-4o", choices: [], usage: { prompt_tokens: 10, completion_tokens: 5 } } } }) { costUsd } }
query Usage { telemetryUsage(groupBy: [AGENT, MODEL], filter: { from: "2026-11-01T00:00:00Z" }) { agent model count costUsd errorRate p95LatencyMs } }
`,
  `mutation CreateAgent { createAgent(name: "support") { id } }
query FindAgent { agent(name: "support") { id } }
mutation CreateScriptedVersion { createAgentVersion(agentName: "support", name: "v1", runConfig: {
  provider: { type: SCRIPTED, turns: [
    { text: "Refunding order 42.", toolCalls: [{ name: "refund", arguments: { order: 42 } }] },
    { text: "Order 42 is refunded." }] },
  tools: [{ name: "refund", requiresApproval: true, executor: { type: BUILTIN, name: ECHO } }] }) { id } }
mutation RunAgent { createExecution(input: { agentId: "<agent id>", messages: [{ role: "user", content: "Refund order 42" }] }) { id } }
subscription FollowRun { executionEvents(executionId: "<execution id>", after: 0) { __typename ... on ExecutionTextDelta { seq text } ... on ExecutionApprovalRequested { toolCallId } } }
mutation Approve { approveToolCall(executionId: "<execution id>", toolCallId: "<tool call id>", approved: true) { success } }
query Run { execution(id: "<execution id>") { status toolCalls { name status result } } }
`,
  `mutation StoreModelKey { createCredential(kind: MODEL_API_KEY, name: "openai", secret: "sk-your-openai-key") { credential { id } } }
mutation CreateOpenAIVersion { createAgentVersion(agentName: "support", name: "v2", runConfig: {
  provider: { type: OPENAI_COMPATIBLE, model: "gpt-4o-mini", apiKeyCredentialId: "<credential id>" },
  tools: [{ name: "refund", requiresApproval: true, executor: { type: HTTP, url: "https://tools.example/refund" } }] }) { id } }
`,
];

/** Preset so that a key is pasted, not typed with its scheme; empty, it reads as no key. */
const KEY_HEADERS = JSON.stringify({ Authorization: 'Bearer ' }, null, 2);

export const graphiqlOptions: GraphiQLOptions = {
  title: 'Switchboard',
  headers: KEY_HEADERS,
  defaultHeaders: KEY_HEADERS,
  defaultTabs: EXAMPLES.map((query) => ({ query, headers: KEY_HEADERS })),
  subscriptionsProtocol: 'WS',
};
