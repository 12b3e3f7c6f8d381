import type { FastifyInstance } from 'fastify';
import { registerDepthLimitedJsonParser } from '../body-parsing/json-body.parser';
import { rejectMultipartOutsideUploads } from '../body-parsing/multipart-routes';
import { drainUnreadBodies } from '../body-parsing/unread-body.drain';
import { addSecurityHeaders } from './security-headers';

export { envelopeClientErrorHandler } from './client-error.handler';

/**
 * What the gateway does with every request before a handler sees it and with every reply
 * on its way out: bounded JSON, multipart only where declared, refused bodies drained so
 * the client reads the answer, and security headers. Must run before routes initialise.
 */
export function hardenHttpEdge(fastify: FastifyInstance): void {
  registerDepthLimitedJsonParser(fastify);
  rejectMultipartOutsideUploads(fastify);
  drainUnreadBodies(fastify);
  addSecurityHeaders(fastify);
}
