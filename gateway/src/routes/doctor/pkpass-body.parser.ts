import type { FastifyInstance, FastifyRequest } from 'fastify';

export const PKPASS_CONTENT_TYPES = ['application/vnd.apple.pkpass', 'application/octet-stream'];
export const DOCTOR_PKPASS_PATH = '/v1/doctor/pkpass';

/**
 * Raw `.pkpass` bodies, for the pass doctor only. The parser is global in Fastify, so any
 * other route answers these content types with the usual 415 rather than a Buffer body.
 * The 10 MiB limit is the route's own (`@RouteConfig`); elsewhere the default limit holds.
 */
export function registerPkpassBodyParser(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(PKPASS_CONTENT_TYPES, { parseAs: 'buffer' }, (request: FastifyRequest, body: Buffer, done) => {
    if (request.routeOptions.url !== DOCTOR_PKPASS_PATH) {
      done(Object.assign(new Error('Unsupported content type'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }), undefined);
      return;
    }
    done(null, body);
  });
}
