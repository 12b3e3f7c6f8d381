import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { API_CSP } from './security-headers';

const MESSAGES: Record<number, string> = {
  400: 'Bad request',
  408: 'Request timed out',
  431: 'Request header fields are too large',
};

function statusOf(error: { code?: string }): number {
  if (error.code === 'HPE_HEADER_OVERFLOW') return 431;
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

/**
 * Node refuses some requests before Fastify sees them (oversized headers, a request that
 * never finished, unparsable HTTP). Fastify's default answer is its own JSON shape without
 * X-Request-Id; this writes the contract's error envelope instead. No request id can be
 * echoed (the headers were not read), so a fresh one is minted.
 */
export function envelopeClientErrorHandler(error: Error & { code?: string }, socket: Duplex): void {
  // A reset connection has nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const status = statusOf(error);
    const requestId = randomUUID();
    const body = JSON.stringify({ status: 'error', message: MESSAGES[status], timestamp: new Date().toISOString(), request_id: requestId });
    socket.write(
      [
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
        'Content-Type: application/json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(body)}`,
        `X-Request-Id: ${requestId}`,
        'X-Content-Type-Options: nosniff',
        `Content-Security-Policy: ${API_CSP}`,
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  }
  socket.destroy(error);
}
