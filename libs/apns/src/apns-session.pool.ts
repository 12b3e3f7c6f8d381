import { X509Certificate, createPrivateKey } from 'node:crypto';
import http2 from 'node:http2';
import type { ApnsCredentials } from './apns.types';

export interface PooledSession {
  readonly key: string;
  readonly session: http2.ClientHttp2Session;
  activeStreams: number;
  idleTimer?: NodeJS.Timeout;
}

/** The certificate or key could not be loaded; carries only an error code, never key material. */
export class InvalidCredentialsError extends Error {
  constructor(readonly code: string) {
    super(`APNs credentials could not be loaded (${code})`);
  }
}

/**
 * One HTTP/2 session per (APNs URL, client certificate). Apple asks providers to keep
 * connections open and reuse them rather than reconnect per notification, and a session is
 * bound to the certificate presented in its TLS handshake, so the certificate fingerprint
 * is the natural key. Sessions that close, error or receive GOAWAY leave the pool at once;
 * the next push opens a fresh one.
 */
export class ApnsSessionPool {
  private readonly sessions = new Map<string, PooledSession>();

  constructor(
    private readonly url: string,
    private readonly idleSessionMs: number,
  ) {}

  /** Returns a session ready for one more stream; `created` tells whether it is brand new. */
  acquire(credentials: ApnsCredentials): { entry: PooledSession; created: boolean } {
    const key = `${this.url} ${certificateFingerprint(credentials.certificatePem)}`;
    const existing = this.sessions.get(key);
    if (existing && !existing.session.closed && !existing.session.destroyed) {
      this.markBusy(existing);
      return { entry: existing, created: false };
    }
    const entry = this.open(key, credentials);
    this.markBusy(entry);
    return { entry, created: true };
  }

  release(entry: PooledSession): void {
    entry.activeStreams -= 1;
    if (entry.activeStreams > 0 || entry.session.closed || entry.session.destroyed) return;
    // An idle session must not keep a finished script alive, nor linger forever.
    entry.session.unref();
    entry.idleTimer = setTimeout(() => this.retire(entry), this.idleSessionMs);
    entry.idleTimer.unref();
  }

  /** Stops handing out this session; streams already on it may finish. */
  retire(entry: PooledSession): void {
    this.forget(entry);
    if (!entry.session.closed && !entry.session.destroyed) entry.session.close();
  }

  async closeAll(graceMs: number): Promise<void> {
    const entries = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(entries.map((entry) => closeGracefully(entry, graceMs)));
  }

  private open(key: string, credentials: ApnsCredentials): PooledSession {
    assertKeyMatchesCertificate(credentials);
    let session: http2.ClientHttp2Session;
    try {
      // Mutual TLS with the Pass Type ID certificate. No `ca` option: server trust stays
      // Node's default store plus NODE_EXTRA_CA_CERTS, so pointing APNS_URL at another
      // endpoint needs configuration only, never a code path of its own.
      session = http2.connect(this.url, { cert: credentials.certificatePem, key: credentials.privateKeyPem });
    } catch (error) {
      throw new InvalidCredentialsError(errorCode(error));
    }
    const entry: PooledSession = { key, session, activeStreams: 0 };
    // Errors also reach every open stream, which reports them; the listener keeps an
    // unhandled 'error' from crashing the process.
    session.on('error', () => this.forget(entry));
    session.on('goaway', () => this.forget(entry));
    session.on('close', () => this.forget(entry));
    this.sessions.set(key, entry);
    return entry;
  }

  private markBusy(entry: PooledSession): void {
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = undefined;
    entry.activeStreams += 1;
    entry.session.ref();
  }

  private forget(entry: PooledSession): void {
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = undefined;
    if (this.sessions.get(entry.key) === entry) this.sessions.delete(entry.key);
  }
}

function certificateFingerprint(certificatePem: string): string {
  try {
    return new X509Certificate(certificatePem).fingerprint256;
  } catch (error) {
    throw new InvalidCredentialsError(errorCode(error));
  }
}

/**
 * OpenSSL only notices a mismatch when key and certificate share an algorithm: an EC key
 * next to an RSA certificate loads "fine" and the handshake then goes out without any
 * client certificate, which APNs answers with a confusing 403. Check the pair up front.
 */
function assertKeyMatchesCertificate(credentials: ApnsCredentials): void {
  let matches: boolean;
  try {
    matches = new X509Certificate(credentials.certificatePem).checkPrivateKey(createPrivateKey(credentials.privateKeyPem));
  } catch (error) {
    throw new InvalidCredentialsError(errorCode(error));
  }
  if (!matches) throw new InvalidCredentialsError('KEY_DOES_NOT_MATCH_CERTIFICATE');
}

function closeGracefully(entry: PooledSession, graceMs: number): Promise<void> {
  if (entry.idleTimer) clearTimeout(entry.idleTimer);
  const { session } = entry;
  if (session.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    // In-flight pushes get `graceMs` to finish; a stuck peer must not block shutdown.
    const deadline = setTimeout(() => session.destroy(), graceMs);
    session.once('close', () => {
      clearTimeout(deadline);
      resolve();
    });
    if (!session.closed) session.close();
  });
}

/**
 * The most specific error code: Node wraps a connection failure (refused, TLS rejection) in
 * ERR_HTTP2_STREAM_CANCEL for every stream that was waiting on it, with the real error as
 * `cause`.
 */
export function errorCode(error: unknown): string {
  if (error === null || typeof error !== 'object') return 'UNKNOWN';
  if ('cause' in error && error.cause !== undefined) {
    const cause = errorCode(error.cause);
    if (cause !== 'UNKNOWN') return cause;
  }
  return 'code' in error && typeof error.code === 'string' ? error.code : 'UNKNOWN';
}
