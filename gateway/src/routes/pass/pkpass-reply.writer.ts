import type { PassDownload, PassFile } from '@wp/contracts';
import type { FastifyReply } from 'fastify';

/** A signed pass as Safari and Wallet expect it: the pkpass type and a filename to save under. */
export function sendPassFile(reply: FastifyReply, file: PassFile, lastModified?: string): void {
  const filename = file.filename.replace(/[^A-Za-z0-9._-]/g, '_');
  void reply
    .status(200)
    .header('content-type', file.content_type)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store');
  if (lastModified) void reply.header('last-modified', new Date(lastModified).toUTCString());
  void reply.send(Buffer.from(file.body_base64, 'base64'));
}

export function sendPassDownload(reply: FastifyReply, download: PassDownload): void {
  if (download.kind === 'redirect') {
    void reply.header('cache-control', 'no-store').redirect(download.location, 302);
    return;
  }
  sendPassFile(reply, download, download.last_modified);
}
