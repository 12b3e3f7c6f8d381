import type { WebReply } from '@wp/contracts';
import type { FastifyReply } from 'fastify';

/** Header-safe filename: the service names the file, but a quote or newline must never reach a header. */
function attachmentName(filename: string): string {
  const safe = filename.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100);
  return safe || 'pass.pkpass';
}

/**
 * Writes what notification decided for a public browser route. Every such reply is
 * private to whoever holds the link: never cached (each follow must be counted, points
 * change), never indexed, and no Referer leaks the token to the next site.
 */
export function writeWebReply(reply: FastifyReply, web: WebReply): void {
  void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex, nofollow');
  switch (web.kind) {
    case 'redirect':
      void reply.redirect(web.location, web.status ?? 302);
      return;
    case 'html':
      void reply
        .status(web.status)
        .header('content-type', 'text/html; charset=utf-8')
        .header('x-content-type-options', 'nosniff')
        // The page holds "add to wallet" buttons: no other site may frame it and trick a tap.
        .header('x-frame-options', 'DENY')
        .send(web.html);
      return;
    case 'file':
      void reply
        .status(200)
        .header('content-type', web.content_type)
        .header('content-disposition', `attachment; filename="${attachmentName(web.filename)}"`)
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(web.body_base64, 'base64'));
      return;
  }
}
