import { traceCarrier } from '@wp/observability';
import http2 from 'node:http2';
import { outcomeForResponse, parseReason } from './apns-response.mapper';
import { ApnsSessionPool, InvalidCredentialsError, errorCode, type PooledSession } from './apns-session.pool';
import type { ApnsClientOptions, ApnsPushRequest, ApnsResult } from './apns.types';
import { isValidPushToken } from './push-token.validator';

export const DEFAULT_APNS_URL = 'https://api.push.apple.com';
const DEFAULT_IDLE_SESSION_MS = 10 * 60_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
// Apple: "an empty JSON dictionary for the payload". The device only learns that something
// changed and asks the web service which passes to fetch; visible text comes from the
// pass's changeMessage, never from this payload.
const PASS_UPDATE_PAYLOAD = '{}';
// Error bodies are a small JSON object; anything longer is not APNs talking.
const MAX_RESPONSE_BODY_BYTES = 16 * 1024;
const PRINTABLE_HEADER_VALUE = /^[\x21-\x7e]+$/;

type Attempt =
  | { kind: 'answered'; result: ApnsResult }
  | { kind: 'timeout' }
  | { kind: 'transport'; code: string; responded: boolean };

/**
 * Sends Wallet pass update pushes over HTTP/2 with certificate (mutual TLS) authentication.
 * Holds one session per certificate; call `close()` on shutdown.
 */
export class ApnsClient {
  private readonly url: string;
  private readonly requestTimeoutMs: number;
  private readonly pool: ApnsSessionPool;
  private closed = false;

  constructor(options: ApnsClientOptions = {}) {
    const url = new URL(options.url ?? DEFAULT_APNS_URL);
    if (url.protocol !== 'https:') throw new Error(`APNS_URL must be an https URL, got ${url.protocol}`);
    this.url = url.origin;
    this.requestTimeoutMs = positive(options.requestTimeoutMs, DEFAULT_REQUEST_TIMEOUT_MS, 'requestTimeoutMs');
    this.pool = new ApnsSessionPool(this.url, positive(options.idleSessionMs, DEFAULT_IDLE_SESSION_MS, 'idleSessionMs'));
  }

  async push(request: ApnsPushRequest): Promise<ApnsResult> {
    if (this.closed) throw new Error('ApnsClient is closed');
    // The token becomes part of the :path, so anything but hex must never reach the wire.
    // Registrations are validated with the same rule, so this only catches legacy rows,
    // which can never be delivered to.
    if (!isValidPushToken(request.deviceToken)) {
      return { status: 0, outcome: 'bad-token', reason: 'BadDeviceToken', detail: 'not a hex push token' };
    }
    if (!PRINTABLE_HEADER_VALUE.test(request.topic)) {
      return { status: 0, outcome: 'failed', reason: 'BadTopic', detail: 'topic is not a printable token' };
    }

    const first = this.attempt(request);
    const outcome = await first.result;
    // A session that was fine a moment ago can be dead without us having noticed yet (peer
    // restarted, connection reset, GOAWAY racing our request). One retry on a fresh session
    // makes that reconnect transparent. Safe because a pass update push is idempotent: at
    // worst the device asks the web service for updates twice.
    if (outcome.kind === 'transport' && !outcome.responded && !first.created && !this.closed) {
      return toResult(await this.attempt(request).result);
    }
    return toResult(outcome);
  }

  /** Closes every session, letting in-flight pushes finish within the request timeout. */
  async close(): Promise<void> {
    this.closed = true;
    await this.pool.closeAll(this.requestTimeoutMs);
  }

  private attempt(request: ApnsPushRequest): { created: boolean; result: Promise<Attempt> } {
    let acquired: { entry: PooledSession; created: boolean };
    try {
      acquired = this.pool.acquire(request.credentials);
    } catch (error) {
      const code = error instanceof InvalidCredentialsError ? error.code : errorCode(error);
      const result: ApnsResult = { status: 0, outcome: 'failed', reason: 'InvalidCredentials', detail: code };
      return { created: true, result: Promise.resolve({ kind: 'answered', result }) };
    }
    const { entry, created } = acquired;
    const result = this.send(entry, request).then((attempt) => {
      this.pool.release(entry);
      // A failed stream or a timeout says the connection is suspect: new pushes go to a
      // fresh session while streams already on this one finish or time out.
      if (attempt.kind !== 'answered') this.pool.retire(entry);
      return attempt;
    });
    return { created, result };
  }

  private send(entry: PooledSession, request: ApnsPushRequest): Promise<Attempt> {
    return new Promise<Attempt>((resolve) => {
      let stream: http2.ClientHttp2Stream;
      try {
        stream = entry.session.request({
          ':method': 'POST',
          ':path': `/3/device/${request.deviceToken}`,
          'apns-topic': request.topic,
          // Apple documents no push type for passes; the header is "required for watchOS 6
          // and later; recommended for macOS, iOS", so send it rather than let a device
          // class drop the push. `alert` + priority 10 is what hapns sends and what Apple's
          // forum thread 767640 shows updating the pass; `background` would demand
          // priority 5 and a content-available payload, which Wallet does not use.
          'apns-push-type': 'alert',
          'apns-priority': '10',
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(PASS_UPDATE_PAYLOAD),
          // W3C trace context of the push, so the whole path from the points change is one trace.
          ...traceCarrier(),
        });
      } catch (error) {
        // The session refused a new stream (closing, out of stream ids): not sent at all.
        resolve({ kind: 'transport', code: errorCode(error), responded: false });
        return;
      }

      let settled = false;
      let status = 0;
      let apnsId: string | undefined;
      const chunks: Buffer[] = [];
      let bodyBytes = 0;
      const finish = (attempt: Attempt): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(attempt);
      };
      const answered = (): void => {
        const reason = parseReason(Buffer.concat(chunks).toString('utf8'));
        const result: ApnsResult = { status, outcome: outcomeForResponse(status, reason) };
        if (apnsId !== undefined) result.apnsId = apnsId;
        if (reason !== undefined) result.reason = reason;
        finish({ kind: 'answered', result });
      };
      const timer = setTimeout(() => {
        stream.close(http2.constants.NGHTTP2_CANCEL);
        finish({ kind: 'timeout' });
      }, this.requestTimeoutMs);

      stream.on('response', (headers) => {
        status = Number(headers[':status']);
        const id = headers['apns-id'];
        if (typeof id === 'string') apnsId = id;
      });
      stream.on('data', (chunk: Buffer) => {
        bodyBytes += chunk.length;
        if (bodyBytes <= MAX_RESPONSE_BODY_BYTES) chunks.push(chunk);
      });
      const ended = (code: string): void => {
        // Headers arrived but the body was cut short: the status is still APNs' answer.
        if (status !== 0) answered();
        else finish({ kind: 'transport', code, responded: false });
      };
      // A stream on a session that died before answering also ends, without headers.
      stream.on('end', () => ended('HTTP2_STREAM_ENDED'));
      stream.on('error', (error) => finish({ kind: 'transport', code: errorCode(error), responded: status !== 0 }));
      stream.on('close', () => ended(`HTTP2_RST_${stream.rstCode ?? 'UNKNOWN'}`));
      stream.end(PASS_UPDATE_PAYLOAD);
    });
  }
}

function toResult(attempt: Attempt): ApnsResult {
  switch (attempt.kind) {
    case 'answered':
      return attempt.result;
    case 'timeout':
      return { status: 0, outcome: 'retry', reason: 'Timeout' };
    case 'transport':
      return isTlsRejection(attempt.code)
        ? { status: 0, outcome: 'failed', reason: 'TlsError', detail: attempt.code }
        : { status: 0, outcome: 'retry', reason: 'NetworkError', detail: attempt.code };
  }
}

/**
 * Certificate verification failures and TLS alerts do not heal by retrying: either we do
 * not trust the server (deployment trust misconfigured) or it refused our certificate
 * (expired, revoked, wrong environment). Resets and refusals stay retryable.
 */
function isTlsRejection(code: string): boolean {
  return /^ERR_(SSL|TLS)_/.test(code) || /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(code);
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`ApnsClient ${name} must be a positive number`);
  return value;
}
