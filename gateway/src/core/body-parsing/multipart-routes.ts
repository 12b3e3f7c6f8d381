import { DomainError } from '@wp/contracts';
import type { FastifyInstance } from 'fastify';

/** Route config of the handlers that read multipart bodies: `@RouteConfig(MULTIPART_ROUTE)`. */
export const MULTIPART_ROUTE = { multipart: true } as const;

/**
 * @fastify/multipart accepts multipart/form-data on every route (it only marks the request),
 * so a form sent to a JSON route reached validation as an empty body (400). A route that
 * does not declare multipart answers 415, as for any other content type it does not take.
 */
export function rejectMultipartOutsideUploads(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request) => {
    if (!request.isMultipart?.()) return;
    const config = request.routeOptions.config as { multipart?: boolean } | undefined;
    if (config?.multipart) return;
    throw new DomainError('unsupported_media_type', 'Unsupported content type; send application/json');
  });
}
