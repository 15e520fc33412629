import { useState } from 'react';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { ErrorNote } from '../ErrorNote.tsx';
import { graphql } from '../gql/index.ts';
import type { ConsoleTriggerQuery } from '../gql/graphql.ts';
import { json } from '../format.ts';
import { Invocations } from './Invocations.tsx';

const ConsoleTrigger = graphql(`
  query ConsoleTrigger($agentId: ID!, $id: String!) {
    trigger(agentId: $agentId, id: $id) {
      id
      name
      description
      enabled
      webhookUrl
      inputSchema
      messageTemplate
      signingSecretCredentialIds
      agent {
        name
      }
      authentication {
        type
        in
        name
        header
        username
      }
      signatureVerification {
        algorithm
        encoding
        secretPrefix
        signature {
          source
          key
          prefix
        }
        timestamp {
          source
          key
          toleranceSeconds
        }
      }
      outputTransform {
        expression
        fields {
          name
          expression
        }
      }
    }
  }
`);

type Trigger = NonNullable<ConsoleTriggerQuery['trigger']>;

/** A request the trigger's configured sender would make, with placeholders for its secrets. */
function curlExample(trigger: Trigger) {
  const auth = trigger.authentication;
  let url = trigger.webhookUrl;
  const headers = ["-H 'Content-Type: application/json'"];
  if (auth?.type === 'API_KEY' && auth.in === 'QUERY') url += `?${auth.name ?? 'key'}=<api key>`;
  if (auth?.type === 'API_KEY' && auth.in !== 'QUERY')
    headers.push(`-H '${auth.name ?? auth.header ?? 'X-Api-Key'}: <api key>'`);
  if (auth?.type === 'HEADER') headers.push(`-H '${auth.header ?? auth.name}: <secret>'`);
  if (auth?.type === 'BASIC') headers.push(`-u '${auth.username ?? '<user>'}:<password>'`);
  const signature = trigger.signatureVerification;
  if (signature?.signature.source === 'HEADER')
    headers.push(
      `-H '${signature.signature.key}: ${signature.signature.prefix ?? ''}<${signature.algorithm} HMAC, ${signature.encoding}>'`,
    );
  if (signature?.timestamp?.source === 'HEADER')
    headers.push(`-H '${signature.timestamp.key}: <unix seconds>'`);
  return [`curl -X POST '${url}'`, ...headers, `-d '{"example": true}'`].join(' \\\n  ');
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState('');
  const copy = () =>
    navigator.clipboard.writeText(text).then(
      () => setCopied('Copied'),
      () => setCopied('Copy refused by the browser'),
    );
  return (
    <>
      <button type="button" className="secondary" onClick={copy} aria-label={label}>
        Copy
      </button>
      <span role="status">{copied}</span>
    </>
  );
}

export function TriggerPage({ params }: { params: { agentId: string; id: string } }) {
  const id = decodeURIComponent(params.id);
  const [{ data, error }] = useQuery({
    query: ConsoleTrigger,
    variables: { agentId: params.agentId, id },
  });
  const trigger = data?.trigger;
  if (error) return <ErrorNote error={error} />;
  if (data && !trigger) return <p role="alert">No trigger {id}.</p>;
  if (!trigger) return <p>Loading…</p>;
  const { webhookUrl, authentication, signatureVerification, outputTransform } = trigger;
  return (
    <section aria-labelledby="trigger-title">
      <p>
        <Link href="/triggers">← Triggers</Link>
      </p>
      <h1 id="trigger-title">
        {trigger.name} <small className="hint">{trigger.agent.name}</small>
      </h1>
      <p className="copy">
        <code data-testid="webhook-url">{webhookUrl}</code>
        <CopyButton text={webhookUrl} label="Copy webhook URL" />
      </p>
      <dl className="facts">
        <dt>State</dt>
        <dd>{trigger.enabled ? 'enabled' : 'disabled'}</dd>
        <dt>Description</dt>
        <dd>{trigger.description ?? '—'}</dd>
        <dt>Authentication</dt>
        <dd>
          {authentication
            ? `${authentication.type}${authentication.in ? ` in ${authentication.in.toLowerCase()}` : ''} ${authentication.name ?? authentication.header ?? authentication.username ?? ''}`
            : 'none'}
        </dd>
        <dt>Signature</dt>
        <dd>
          {signatureVerification
            ? `${signatureVerification.algorithm} HMAC (${signatureVerification.encoding.toLowerCase()}) in ${signatureVerification.signature.source.toLowerCase()} ${signatureVerification.signature.key}; signing secrets ${trigger.signingSecretCredentialIds.join(', ') || '—'}`
            : 'not verified'}
        </dd>
        <dt>Message template</dt>
        <dd>{trigger.messageTemplate ? <pre>{trigger.messageTemplate}</pre> : '—'}</dd>
        <dt>Output transform</dt>
        <dd>
          {outputTransform?.expression ??
            outputTransform?.fields
              ?.map((field) => `${field.name} = ${field.expression}`)
              .join('; ') ??
            '—'}
        </dd>
        <dt>Input schema</dt>
        <dd>{trigger.inputSchema ? <pre>{json(trigger.inputSchema)}</pre> : 'any JSON'}</dd>
      </dl>
      <h2>Send a webhook</h2>
      <pre data-testid="curl">{curlExample(trigger)}</pre>
      <CopyButton text={curlExample(trigger)} label="Copy curl example" />
      <Invocations agentId={params.agentId} triggerId={id} />
    </section>
  );
}
