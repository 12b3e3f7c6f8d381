import { errorCodes, type FastifyInstance } from 'fastify';

/** Paths that take Twilio's form-encoded webhooks; every other route stays JSON-only (415). */
export const TWILIO_WEBHOOK_PREFIX = '/v1/twilio/';
/** Enrollment forms post as plain HTML forms do (POST /e/{slug}). */
export const ENROLLMENT_FORM_PREFIX = '/e/';
const FORM_PREFIXES = [TWILIO_WEBHOOK_PREFIX, ENROLLMENT_FORM_PREFIX];

/**
 * Twilio posts status callbacks as application/x-www-form-urlencoded.
 * The parser keeps every parameter, repeated ones as arrays, because the signature covers
 * all of them, including ones Twilio adds without notice. Anywhere else a form body is the
 * wrong content type, as text/plain is. Enrollment forms (`/e/`) post forms too. Needs Nest's own body parsers off (`bodyParser:
 * false`), which would otherwise accept forms on every route; JSON stays Fastify's parser.
 */
export function registerTwilioFormParser(fastify: FastifyInstance): void {
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (request, body, done) => {
    if (!FORM_PREFIXES.some((prefix) => request.url.startsWith(prefix))) {
      done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(request.headers['content-type'] ?? ''), undefined);
      return;
    }
    done(null, parseForm(String(body)));
  });
}

export function parseForm(body: string): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const existing = params[key];
    params[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return params;
}
