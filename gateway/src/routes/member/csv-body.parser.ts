import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';

export const MEMBER_IMPORT_PATH = '/v1/members/import';

/**
 * `text/csv` bodies reach the import route as the raw request stream, unread: the route
 * parses them as they arrive, so no limit on the whole body applies (the import counts rows
 * instead). Any other route answers text/csv with the usual 415.
 */
export function registerCsvBodyParser(fastify: FastifyInstance): void {
  fastify.addContentTypeParser('text/csv', (request: FastifyRequest, payload: Readable, done) => {
    if (request.routeOptions.url !== MEMBER_IMPORT_PATH) {
      done(Object.assign(new Error('Unsupported content type'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }), undefined);
      return;
    }
    done(null, payload);
  });
}
