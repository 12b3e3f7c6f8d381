import type { OpenAPIObject } from '@nestjs/swagger';

// The document is plain JSON here: walked and patched, never typed field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
const ERROR_ENVELOPE = '#/components/schemas/ErrorEnvelope';

/**
 * What the gateway does for every route, written into the document once instead of on each
 * handler: any route can time out waiting for its service (503 + Retry-After, from the one
 * exception filter), any route taking a body can refuse it as too large (413) or not JSON
 * (415) before its handler runs, any POST takes an Idempotency-Key (409 while the first
 * request with it runs, 422 when it came with another body), every 429 carries
 * Retry-After, and an error envelope is always JSON even where the success body is HTML or
 * a .pkpass.
 */
export function addUniformResponses(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components ??= {}) as Json;
  components.headers = {
    ...components.headers,
    RetryAfter: { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 1 } },
  };
  components.responses = {
    ...components.responses,
    ServiceUnavailable: {
      description: 'A service did not answer in time or is down; nothing was applied. Retry after Retry-After seconds.',
      headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
      content: { 'application/json': { schema: { $ref: ERROR_ENVELOPE } } },
    },
    BadRequest: {
      description: 'The request is malformed (a path or query value, header or body the route refuses)',
      content: { 'application/json': { schema: { $ref: ERROR_ENVELOPE } } },
    },
    HeadersTooLarge: {
      description: 'The request headers are larger than the server accepts',
      content: { 'application/json': { schema: { $ref: ERROR_ENVELOPE } } },
    },
    TooManyRequests: {
      description: 'Rate limited (per tenant, or per address after failed credentials); retry after Retry-After seconds',
      headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
      content: { 'application/json': { schema: { $ref: ERROR_ENVELOPE } } },
    },
    PayloadTooLarge: {
      description: 'The body is larger than this route accepts',
      content: { 'application/json': { schema: { $ref: ERROR_ENVELOPE } } },
    },
    UnsupportedMediaType: {
      description: 'The body is not in a media type this route accepts (JSON, unless documented otherwise)',
      content: { 'application/json': { schema: { $ref: ERROR_ENVELOPE } } },
    },
    IdempotencyKeyInProgress: {
      description: 'Conflict; with an Idempotency-Key, also: a request with this key is still running, retry shortly',
      content: { 'application/json': { schema: { $ref: ERROR_ENVELOPE } } },
    },
    IdempotencyKeyReused: {
      description: 'Unprocessable; with an Idempotency-Key, also: the key was used with a different request',
      content: { 'application/json': { schema: { $ref: ERROR_ENVELOPE } } },
    },
  };
  components.parameters = {
    ...components.parameters,
    IdempotencyKey: {
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'Makes a retried POST safe: the same key and body within 24 h replays the first response (with `Idempotent-Replayed: true`)',
      schema: { type: 'string', minLength: 1, maxLength: 255 },
    },
  };
  for (const item of Object.values(document.paths) as Json[]) {
    for (const method of METHODS) {
      const operation = item[method] as Json | undefined;
      if (!operation) continue;
      const responses = operation.responses as Json;
      for (const [status, response] of Object.entries(responses)) {
        if (!/^[45]/.test(status) || !response.content) continue;
        const envelope = Object.values(response.content as Json).find((media: Json) => media.schema?.$ref === ERROR_ENVELOPE);
        if (envelope) response.content = { 'application/json': envelope };
        if (status === '429') response.headers = { ...response.headers, 'Retry-After': { $ref: '#/components/headers/RetryAfter' } };
      }
      if (['post', 'put', 'patch'].includes(method)) {
        responses['413'] ??= { $ref: '#/components/responses/PayloadTooLarge' };
        responses['415'] ??= { $ref: '#/components/responses/UnsupportedMediaType' };
      }
      if (method === 'post') {
        operation.parameters = [...(operation.parameters ?? []), { $ref: '#/components/parameters/IdempotencyKey' }];
        responses['409'] ??= { $ref: '#/components/responses/IdempotencyKeyInProgress' };
        responses['422'] ??= { $ref: '#/components/responses/IdempotencyKeyReused' };
      }
      responses['503'] ??= { $ref: '#/components/responses/ServiceUnavailable' };
      responses['429'] ??= { $ref: '#/components/responses/TooManyRequests' };
      responses['400'] ??= { $ref: '#/components/responses/BadRequest' };
      responses['431'] ??= { $ref: '#/components/responses/HeadersTooLarge' };
    }
  }
  return document;
}
