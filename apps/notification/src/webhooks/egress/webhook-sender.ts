import { Agent as HttpAgent, IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { DestinationPolicy, RefusedDestinationError } from './destination-policy';
import { Resolver, guardedLookup, systemResolver } from './guarded-lookup';
import { socketHost } from './webhook-url';

export interface SenderOptions {
  policy: DestinationPolicy;
  /** The whole exchange: connect, send, and read the (capped) response. */
  timeoutMs: number;
  /** Bytes of the receiver's body read at most; the rest is never read. */
  maxResponseBytes: number;
  resolver?: Resolver;
  userAgent?: string;
}

export interface SendOutcome {
  statusCode: number | null;
  success: boolean;
  /** Why it failed, in words safe to show the tenant (no secrets, no resolved addresses). */
  error: string | null;
  /** The first bytes of the receiver's answer, for operators; never returned by the API. */
  responseNote: string | null;
  /** From a 429 or 503's Retry-After, when the receiver asked to be left alone. */
  retryAfterMs: number | null;
  durationMs: number;
}

/**
 * POSTs one webhook. Only 2xx is success; redirects are reported, never followed (a 302
 * to 169.254.169.254 must not become a request to it); the receiver's body is read only
 * up to a cap and the exchange has one deadline (OWASP API10: unsafe consumption).
 */
export class WebhookSender {
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;
  private readonly lookup;

  constructor(private readonly options: SenderOptions) {
    this.lookup = guardedLookup(options.policy, options.resolver ?? systemResolver);
    // Keep-alive: a pooled socket stays bound to the address its lookup checked.
    this.httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 64 });
    this.httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64 });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  async send(target: string, headers: Record<string, string>, body: string, timeoutMs = this.options.timeoutMs): Promise<SendOutcome> {
    const started = performance.now();
    const done = (partial: Omit<SendOutcome, 'durationMs' | 'retryAfterMs'> & { retryAfterMs?: number | null }): SendOutcome => ({
      retryAfterMs: null,
      ...partial,
      durationMs: Math.round(performance.now() - started),
    });
    const url = new URL(target);
    const host = socketHost(url);
    // A literal address never goes through lookup: judge it here.
    if (isIP(host)) {
      const refused = this.options.policy.refusal(host);
      if (refused) return done({ statusCode: null, success: false, error: new RefusedDestinationError(refused).message, responseNote: null });
    }
    try {
      const { response, note } = await this.exchange(url, headers, body, timeoutMs);
      const status = response.statusCode ?? 0;
      const success = status >= 200 && status < 300;
      return done({
        statusCode: status,
        success,
        error: success ? null : status >= 300 && status < 400 ? `redirect not followed (${status})` : `receiver answered ${status}`,
        responseNote: note,
        retryAfterMs: status === 429 || status === 503 ? retryAfter(response.headers['retry-after']) : null,
      });
    } catch (error) {
      return done({ statusCode: null, success: false, error: describe(error, timeoutMs), responseNote: null });
    }
  }

  private exchange(url: URL, headers: Record<string, string>, body: string, timeoutMs: number): Promise<{ response: IncomingMessage; note: string | null }> {
    const https = url.protocol === 'https:';
    const payload = Buffer.from(body, 'utf8');
    return new Promise((resolve, reject) => {
      const request = (https ? httpsRequest : httpRequest)(
        {
          protocol: url.protocol,
          hostname: socketHost(url),
          port: url.port || (https ? 443 : 80),
          path: `${url.pathname}${url.search}`,
          method: 'POST',
          agent: https ? this.httpsAgent : this.httpAgent,
          lookup: this.lookup,
          headers: {
            'content-type': 'application/json',
            'content-length': String(payload.length),
            'user-agent': this.options.userAgent ?? 'walletpass-webhooks/1',
            ...headers,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          let read = 0;
          let settled = false;
          const finish = () => {
            if (settled) return;
            settled = true;
            clearTimeout(deadline);
            // Postgres text cannot hold NUL; the note is for reading, not byte-exact.
            const text = Buffer.concat(chunks).toString('utf8').replaceAll('\u0000', '');
            resolve({ response, note: text.length ? text : null });
          };
          response.on('data', (chunk: Buffer) => {
            const room = this.options.maxResponseBytes - read;
            if (room > 0) chunks.push(chunk.subarray(0, room));
            read += chunk.length;
            // Past the cap the rest is not read: the socket is dropped instead of drained.
            if (read >= this.options.maxResponseBytes && !response.complete) {
              finish();
              response.destroy();
            }
          });
          response.on('end', finish);
          response.on('close', finish);
          response.on('error', finish);
        },
      );
      const deadline = setTimeout(() => request.destroy(new DeliveryTimeout()), timeoutMs);
      request.on('error', (error) => {
        clearTimeout(deadline);
        reject(error);
      });
      request.end(payload);
    });
  }
}

class DeliveryTimeout extends Error {
  constructor() {
    super('timed out');
    this.name = 'DeliveryTimeout';
  }
}

function retryAfter(header: string | undefined): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof RefusedDestinationError) return error.message;
  if (error instanceof DeliveryTimeout) return `timed out after ${timeoutMs} ms`;
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host does not resolve';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    default:
      if (code?.startsWith('ERR_TLS') || code?.includes('CERT')) return `TLS error (${code})`;
      return code ? `connection failed (${code})` : 'connection failed';
  }
}
