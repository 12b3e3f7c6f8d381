import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';

/** How much of a refused body is read and thrown away so the client can read the answer. */
export const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

/**
 * A reply sent while the client is still uploading (a 413 decided from Content-Length, a
 * 415, a 401 on a large body) used to close the socket under the client's feet: Node's
 * HTTP client and fetch see EPIPE/ECONNRESET and never read the status. So the rest of an
 * unread body is read and discarded before the reply goes out, up to MAX_DRAIN_BYTES;
 * beyond that the connection is closed, as before, rather than read forever.
 */
export function drainUnreadBodies(fastify: FastifyInstance, maxBytes = MAX_DRAIN_BYTES): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    const raw = request.raw;
    if (raw.complete || raw.readableEnded || raw.destroyed) return payload;
    const drained = await drain(raw, maxBytes);
    if (!drained) void reply.header('connection', 'close');
    return payload;
  });
}

function drain(stream: IncomingMessage, maxBytes: number): Promise<boolean> {
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (drained: boolean) => {
      stream.off('data', onData).off('end', onEnd).off('close', onClose).off('error', onClose);
      if (!drained) stream.pause();
      resolve(drained);
    };
    const onData = (chunk: Buffer | string) => {
      seen += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (seen > maxBytes) finish(false);
    };
    const onEnd = () => finish(true);
    const onClose = () => finish(stream.complete);
    stream.on('data', onData).once('end', onEnd).once('close', onClose).once('error', onClose);
    stream.resume();
  });
}
