import { DomainError } from '@wp/contracts';
import type { FastifyInstance } from 'fastify';
import { MAX_JSON_DEPTH, jsonDepthExceeds } from './json-depth';

/**
 * Fastify's own JSON parser (same prototype-poisoning rules, same body limits), behind a
 * nesting-depth check. The check is a linear scan of the text, so a million-bracket body
 * is refused for the cost of reading it, before authentication and before anything
 * (JSON.parse, class-transformer, the validation pipe) recurses into it.
 */
export function registerDepthLimitedJsonParser(fastify: FastifyInstance, maxDepth = MAX_JSON_DEPTH): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonDepthExceeds(body as string, maxDepth)) {
      done(new DomainError('bad_request', `Malformed JSON body: nested deeper than ${maxDepth} levels`), undefined);
      return;
    }
    parseJson(request, body as string, done);
  });
}
