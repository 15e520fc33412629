import jmespath from 'jmespath';
import type { TriggerInvocation } from '../../generated/prisma/client.ts';
import { storableJson } from '../../db/storable.ts';
import { AppError, asAppError } from '../../kernel/errors.ts';
import { checkJsonInput } from '../../kernel/json-input.ts';
import type { Services } from '../../kernel/context.ts';
import { liveSigningSecrets } from '../credentials/service.ts';
import type { WebhookTrigger } from './trigger-cache.ts';
import { authenticate, type StoredAuthentication } from './authentication.ts';
import { regexBudget, RegexBudgetExceeded, withRegexBudget } from './regex.ts';
import { verifySignature, locate, type WebhookRequest } from './signature.ts';

function transform(expression: unknown, payload: unknown): unknown {
  if (typeof expression === 'string') return jmespath.search(payload, expression);
  return Object.fromEntries(
    Object.entries(expression as Record<string, string>).map(([key, path]) => [
      key,
      jmespath.search(payload, path),
    ]),
  );
}

/**
 * `{{a.b.c}}` placeholders over the payload; objects are written as JSON, missing values as nothing.
 * Stops (UNPROCESSABLE) as soon as the message would pass `maxChars`.
 */
function renderTemplate(template: string, payload: unknown, maxChars: number): string {
  let length = template.length;
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (placeholder, path: string) => {
    const value = path
      .split('.')
      .reduce<unknown>(
        (current, key) =>
          current && typeof current === 'object'
            ? (current as Record<string, unknown>)[key]
            : undefined,
        payload,
      );
    const text =
      value === undefined || value === null
        ? ''
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
    length += text.length - placeholder.length;
    if (length > maxChars)
      throw new AppError(
        'UNPROCESSABLE',
        `The message template renders more than ${maxChars} characters`,
      );
    return text;
  });
}

/** What a webhook's checks found: a refusal (with the payload to record), a repeat, or a message. */
export type Inspection =
  | { refused: { status: number; message: string; payload: unknown } }
  | { repeat: TriggerInvocation }
  | {
      accepted: {
        deliveryId: string | null;
        payload: unknown;
        transformed: unknown;
        message: string;
      };
    };

/**
 * Checks a webhook in the page's order: caller authentication, signature, and only then the
 * delivery id, input schema, transform and template. Writes nothing.
 */
export async function inspectWebhook(
  services: Services,
  { trigger, signature: config, secrets, validate }: WebhookTrigger,
  request: WebhookRequest,
): Promise<Inspection> {
  const fail = (status: number, message: string, payload: unknown = request.body ?? null) => ({
    refused: { status, message, payload },
  });

  if (trigger.authentication) {
    const refused = authenticate(trigger.authentication as StoredAuthentication, request);
    if (refused) return fail(refused.status, refused.reason, null);
  }
  const searched = regexBudget(services.config.TRIGGER_REGEX_BUDGET_CHARS);
  let deliveryId: string | null = null;
  if (config) {
    let verified: ReturnType<typeof verifySignature>;
    try {
      verified = withRegexBudget(searched, () =>
        verifySignature(config, request, liveSigningSecrets(secrets)),
      );
      // Read only from a verified request.
      if (verified.ok)
        deliveryId = config.deliveryId
          ? withRegexBudget(searched, () => locate(request, config.deliveryId!))
          : null;
    } catch (error) {
      if (!(error instanceof RegexBudgetExceeded)) throw error;
      return fail(422, error.message, null);
    }
    if (!verified.ok) return fail(verified.status, verified.reason, null);
    if (deliveryId) {
      const repeat = await services.prisma.triggerInvocation.findUnique({
        where: { webhookKey_deliveryId: { webhookKey: trigger.webhookKey, deliveryId } },
      });
      if (repeat) return { repeat };
    }
  }
  if (
    request.body === undefined &&
    (trigger.inputSchema || trigger.outputTransform || trigger.messageTemplate?.includes('{{'))
  ) {
    return fail(400, 'The body must be JSON');
  }
  // The checks REST bodies get, here rather than in the transport, so that the attempt is recorded:
  // with the payload made storable, or without it when it nests too deep to store at all.
  try {
    checkJsonInput(request.body ?? request.rawBody, services.config.MAX_INPUT_DEPTH);
  } catch (error) {
    const refusal = asAppError(error);
    if (!refusal) throw error;
    const tooDeep = refusal.details.issues?.some((issue) => issue.type === 'json_too_deep');
    return fail(
      400,
      `The payload holds characters the database cannot store or nests too deep: ${refusal.message}`,
      tooDeep ? null : storableJson(request.body ?? null),
    );
  }
  if (validate) {
    let valid: boolean;
    try {
      valid = withRegexBudget(searched, () => validate(request.body) as boolean);
    } catch (error) {
      if (!(error instanceof RegexBudgetExceeded)) throw error;
      return fail(422, error.message);
    }
    if (!valid) {
      return fail(
        400,
        `The payload does not match the input schema: ${(validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`).join('; ')}`,
      );
    }
  }
  const payload = request.body ?? request.rawBody;
  let transformed: unknown = payload;
  if (trigger.outputTransform) {
    try {
      transformed = transform(trigger.outputTransform, request.body);
    } catch (error) {
      return fail(422, `The output transform failed: ${(error as Error).message}`);
    }
  }
  let message: string;
  try {
    message = trigger.messageTemplate
      ? renderTemplate(
          trigger.messageTemplate,
          transformed,
          services.config.TRIGGER_MAX_MESSAGE_CHARS,
        )
      : typeof transformed === 'string'
        ? transformed
        : JSON.stringify(transformed);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return fail(422, error.message);
  }
  return { accepted: { deliveryId, payload, transformed, message } };
}
