// Telemetry's GraphQL: LLM events and what they belong to, what clients send, usage analytics.
import './llm-events-schema.ts';
import './ingest-schema.ts';
import './usage-schema.ts';
