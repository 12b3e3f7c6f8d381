import type { FastifyInstance } from 'fastify';

/** API answers are data, never a document to render or frame. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/** Swagger UI: its own scripts and stylesheet from /docs, an inline <style>, data: icons. */
export const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'; frame-ancestors 'none'";
/** Other HTML (the hosted Add to Wallet page) carries its own policy in a meta tag; framing is refused here. */
export const PAGE_CSP = "frame-ancestors 'none'";

/**
 * Every response says what it is (`nosniff`) and, unless its handler chose a policy, gets a
 * Content-Security-Policy: none for API data, Swagger UI's needs for /docs.
 */
export function addSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    void reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('content-security-policy')) {
      const type = String(reply.getHeader('content-type') ?? '');
      const docs = request.url === '/docs' || request.url.startsWith('/docs/') || request.url.startsWith('/docs?');
      void reply.header('content-security-policy', docs ? DOCS_CSP : type.startsWith('text/html') ? PAGE_CSP : API_CSP);
    }
    return payload;
  });
}
