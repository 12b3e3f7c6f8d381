import type { FastifyInstance } from 'fastify';

/**
 * `POST /v1/batch` takes up to 10,000 operations. A typical create_pass is under 100 bytes of
 * JSON (10,000 of them just fit in 1 MiB), but one using every field at full length (a
 * 64-character member id, a 200-character company name, two style ids, a 128-character
 * external id) is about 600 bytes: 6 MiB for a full batch. So this one route reads up to
 * 8 MiB, while every other JSON body keeps BODY_LIMIT_BYTES (1 MiB).
 */
export const BATCH_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * Lets a route raise its own body limit with `@RouteConfig({ bodyLimit })`: Nest passes route
 * config through to Fastify but not `bodyLimit` itself, so this moves it into place as each
 * route is registered. Must run before the application initialises its routes.
 */
export function applyRouteBodyLimits(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const limit = (route.config as { bodyLimit?: unknown } | undefined)?.bodyLimit;
    if (typeof limit === 'number') route.bodyLimit = limit;
  });
}
