import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { isValidPushToken } from '../push-token.validator';
import { ensureTestCa, issueServerCertificate, type IssuedCertificate, type TestCa, type TestCaKeyPair } from './test-ca';

/** What the fake does with a push: answer it, never answer it, or cut the connection. */
export type FakeApnsResponse = { status: number; reason?: string } | { hang: true } | { dropConnection: true };

export interface RecordedPush {
  token: string;
  topic: string | undefined;
  headers: Readonly<Record<string, string>>;
  /** Parsed JSON body, or undefined when it was not JSON. */
  payload: unknown;
  rawBody: string;
  clientCertSubject: Readonly<Record<string, string | string[]>> | undefined;
  clientCertFingerprint256: string | undefined;
  /** Which TLS connection carried the push (1, 2, … in order of arrival). */
  connectionId: number;
  receivedAt: Date;
  /** What the fake answered; status 0 when it hung or dropped the connection. */
  response: { status: number; reason?: string; apnsId?: string };
}

export interface FakeApnsConnection {
  id: number;
  clientCertSubject: Readonly<Record<string, string | string[]>> | undefined;
  clientCertFingerprint256: string | undefined;
}

export interface FakeApnsServerOptions {
  /** Issuer of the server certificate; defaults to the CA named by NODE_EXTRA_CA_CERTS. */
  ca?: TestCaKeyPair;
  /** Names the server certificate covers; the URL uses the first. */
  hostnames?: string[];
  /**
   * With certificate authentication APNs only accepts the topic the certificate is for
   * (Pass Type ID certificates carry it as subject UID). On by default so a client that
   * mixes tenants' certificates and topics is caught.
   */
  checkTopicAgainstCertificate?: boolean;
}

// Push types APNs documents for `apns-push-type`.
const PUSH_TYPES = new Set([
  'alert', 'background', 'location', 'voip', 'complication', 'fileprovider', 'mdm', 'liveactivity', 'pushtotalk', 'widgets', 'controls',
]);
const MAX_PAYLOAD_BYTES = 4096;
const DEVICE_PATH = /^\/3\/device\/([^/?#]*)$/;

interface Waiter {
  predicate: (push: RecordedPush) => boolean;
  resolve: (push: RecordedPush) => void;
}

/**
 * A local APNs speaking the real protocol: HTTP/2 over TLS on 127.0.0.1, `POST
 * /3/device/:token`, client certificate authentication, APNs status codes and reasons.
 * Its certificate comes from the test CA, so clients trust it through NODE_EXTRA_CA_CERTS
 * exactly as they would trust Apple through the system store.
 */
export class FakeApnsServer {
  private server?: http2.Http2SecureServer;
  private portNumber = 0;
  private readonly recorded: RecordedPush[] = [];
  private readonly connectionsSeen: FakeApnsConnection[] = [];
  private readonly sessions = new Set<http2.ServerHttp2Session>();
  private readonly sessionIds = new WeakMap<http2.ServerHttp2Session, FakeApnsConnection>();
  // Raw sockets by client address: a session only exposes a proxy that refuses destroy().
  private readonly sockets = new Map<string, TLSSocket>();
  private readonly hung = new Set<http2.ServerHttp2Stream>();
  private readonly sticky = new Map<string, FakeApnsResponse>();
  private readonly scripted = new Map<string, FakeApnsResponse[]>();
  private readonly sessionListeners = new Set<() => void>();
  private waiters: Waiter[] = [];

  private constructor(
    private readonly certificate: IssuedCertificate,
    private readonly hostname: string,
    private readonly checkTopicAgainstCertificate: boolean,
  ) {}

  static async start(options: FakeApnsServerOptions = {}): Promise<FakeApnsServer> {
    const hostnames = options.hostnames ?? ['localhost', '127.0.0.1'];
    const certificate = issueServerCertificate(options.ca ?? testCaFromEnvironment(), hostnames);
    const fake = new FakeApnsServer(certificate, hostnames[0], options.checkTopicAgainstCertificate ?? true);
    await fake.listen(0);
    return fake;
  }

  /** The value for APNS_URL. */
  get url(): string {
    return `https://${this.hostname}:${this.portNumber}`;
  }

  get port(): number {
    return this.portNumber;
  }

  get pushes(): readonly RecordedPush[] {
    return [...this.recorded];
  }

  /** Every TLS connection that reached HTTP/2, across restarts. */
  get connections(): readonly FakeApnsConnection[] {
    return [...this.connectionsSeen];
  }

  /** HTTP/2 connections currently open. */
  get openConnectionCount(): number {
    return this.sessions.size;
  }

  /** Resolves once exactly `count` HTTP/2 connections are open (e.g. 0 after a client closed its sessions). */
  waitForOpenConnections(count: number, timeoutMs = 5_000): Promise<void> {
    if (this.sessions.size === count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (this.sessions.size !== count) return;
        clearTimeout(timer);
        this.sessionListeners.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.sessionListeners.delete(check);
        reject(new Error(`expected ${count} open APNs connections, ${this.sessions.size} open after ${timeoutMs} ms`));
      }, timeoutMs);
      this.sessionListeners.add(check);
    });
  }

  /** Answer every later push to `token` this way (until `reset()`). */
  respondWith(token: string, response: FakeApnsResponse): void {
    this.sticky.set(token, response);
  }

  /** Answer the next pushes to `token` with these, one each, then fall back to `respondWith` or 200. */
  respondWithSequence(token: string, responses: FakeApnsResponse[]): void {
    this.scripted.set(token, [...(this.scripted.get(token) ?? []), ...responses]);
  }

  /** Resolves with the first push (already received or still to come) matching `predicate`. */
  waitForPush(predicate: (push: RecordedPush) => boolean = () => true, timeoutMs = 5_000): Promise<RecordedPush> {
    const already = this.recorded.find(predicate);
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (push) => {
          clearTimeout(timer);
          resolve(push);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const seen = this.recorded.map((p) => `${p.topic ?? '(no topic)'} → ${p.token} (${p.response.status})`);
        reject(new Error(`no matching APNs push within ${timeoutMs} ms; received: [${seen.join(', ')}]`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Forget recorded pushes and scripted answers (connections stay open). */
  reset(): void {
    this.recorded.length = 0;
    this.sticky.clear();
    this.scripted.clear();
  }

  /** Cut every TCP connection without an HTTP/2 GOAWAY, as a crash or network failure would. */
  dropConnections(): void {
    for (const socket of this.sockets.values()) socket.destroy();
  }

  /** Stop and listen again on the same port with the same certificate (an APNs restart). */
  async restart(): Promise<void> {
    const port = this.portNumber;
    await this.stop();
    await this.listen(port);
  }

  /** Sends GOAWAY on every connection and stops listening. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const stream of this.hung) stream.close(http2.constants.NGHTTP2_CANCEL);
    this.hung.clear();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const session of this.sessions) session.close();
    await closed;
  }

  private async listen(port: number): Promise<void> {
    const server = http2.createSecureServer({
      key: this.certificate.privateKeyPem,
      cert: this.certificate.certificatePem,
      // Ask for a client certificate but accept any at the TLS layer: like APNs, the
      // verdict on the certificate is an HTTP answer, and tests need to see what was sent.
      requestCert: true,
      rejectUnauthorized: false,
    });
    server.on('secureConnection', (socket: TLSSocket) => {
      // Keyed once: a closed socket no longer knows its peer address.
      const key = socketKey(socket);
      this.sockets.set(key, socket);
      socket.on('close', () => this.sockets.delete(key));
    });
    server.on('session', (session) => this.trackSession(session));
    server.on('stream', (stream, headers) => this.handleStream(stream, headers));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.portNumber = (server.address() as AddressInfo).port;
    this.server = server;
  }

  private trackSession(session: http2.ServerHttp2Session): void {
    const socket = session.socket as TLSSocket;
    const peer = socket.getPeerCertificate();
    const hasCert = peer !== null && typeof peer === 'object' && typeof peer.fingerprint256 === 'string';
    const connection: FakeApnsConnection = {
      id: this.connectionsSeen.length + 1,
      clientCertSubject: hasCert ? definedFields(peer.subject) : undefined,
      clientCertFingerprint256: hasCert ? peer.fingerprint256 : undefined,
    };
    this.connectionsSeen.push(connection);
    this.sessionIds.set(session, connection);
    this.sessions.add(session);
    this.notifySessionChange();
    session.on('close', () => {
      this.sessions.delete(session);
      this.notifySessionChange();
    });
    // A client vanishing mid-stream must not crash the test process.
    session.on('error', () => undefined);
  }

  private notifySessionChange(): void {
    for (const listener of [...this.sessionListeners]) listener();
  }

  private handleStream(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void {
    stream.on('error', () => undefined);
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => this.answer(stream, headers, Buffer.concat(chunks)));
  }

  private answer(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders, body: Buffer): void {
    const connection = this.sessionIds.get(stream.session as http2.ServerHttp2Session);
    const apnsId = single(headers['apns-id']) ?? randomUUID();
    const reply = (status: number, reason?: string): void => {
      if (stream.destroyed || stream.closed) return;
      const responseHeaders: http2.OutgoingHttpHeaders = { ':status': status, 'apns-id': apnsId };
      if (reason === undefined) {
        stream.respond(responseHeaders, { endStream: true });
        return;
      }
      // APNs: `timestamp` (ms) accompanies only 410, when the token stopped being valid.
      const errorBody = status === 410 ? { reason, timestamp: Date.now() } : { reason };
      stream.respond({ ...responseHeaders, 'content-type': 'application/json' });
      stream.end(JSON.stringify(errorBody));
    };

    const match = DEVICE_PATH.exec(single(headers[':path']) ?? '');
    if (headers[':method'] !== 'POST') return reply(405, 'MethodNotAllowed');
    if (!match) return reply(404, 'BadPath');

    const rawBody = body.toString('utf8');
    const push: RecordedPush = {
      token: match[1],
      topic: single(headers['apns-topic']),
      headers: flattenHeaders(headers),
      payload: parseJson(rawBody),
      rawBody,
      clientCertSubject: connection?.clientCertSubject,
      clientCertFingerprint256: connection?.clientCertFingerprint256,
      connectionId: connection?.id ?? 0,
      receivedAt: new Date(),
      response: { status: 0 },
    };

    const rejection = this.validate(push, body);
    const action: FakeApnsResponse = rejection ?? this.nextResponse(push.token);
    if ('hang' in action) {
      this.hung.add(stream);
      stream.on('close', () => this.hung.delete(stream));
    } else if ('dropConnection' in action) {
      const proxy = stream.session?.socket;
      if (proxy) this.sockets.get(socketKey(proxy))?.destroy();
    } else {
      push.response = { status: action.status, reason: action.reason, apnsId };
      reply(action.status, action.reason);
    }
    this.record(push);
  }

  // Checks in the order APNs reports them; the first failing one decides the answer.
  private validate(push: RecordedPush, body: Buffer): FakeApnsResponse | undefined {
    if (push.token === '') return { status: 400, reason: 'MissingDeviceToken' };
    // Provider authentication: this fake knows only certificates (no JWT).
    if (!push.clientCertFingerprint256) return { status: 403, reason: 'MissingProviderToken' };
    // Real APNs may default the topic from a single-topic certificate; the fake insists on
    // the header so our client always names the pass type id explicitly.
    if (!push.topic) return { status: 400, reason: 'MissingTopic' };
    if (this.checkTopicAgainstCertificate && push.clientCertSubject?.UID !== push.topic) {
      return { status: 400, reason: 'TopicDisallowed' };
    }
    const pushType = push.headers['apns-push-type'];
    if (pushType !== undefined && !PUSH_TYPES.has(pushType)) return { status: 400, reason: 'InvalidPushType' };
    const priority = push.headers['apns-priority'];
    if (priority !== undefined && !['1', '5', '10'].includes(priority)) return { status: 400, reason: 'BadPriority' };
    if (body.length === 0) return { status: 400, reason: 'PayloadEmpty' };
    if (body.length > MAX_PAYLOAD_BYTES) return { status: 413, reason: 'PayloadTooLarge' };
    // APNs documents no reason for a body that is not a JSON dictionary; this one is the
    // fake's own, so a client sending anything else fails loudly in tests.
    const payload = push.payload;
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return { status: 400, reason: 'BadPayload' };
    if (!isValidPushToken(push.token)) return { status: 400, reason: 'BadDeviceToken' };
    return undefined;
  }

  private nextResponse(token: string): FakeApnsResponse {
    const queue = this.scripted.get(token);
    const next = queue?.shift();
    if (next) return next;
    return this.sticky.get(token) ?? { status: 200 };
  }

  private record(push: RecordedPush): void {
    this.recorded.push(push);
    const matched = this.waiters.filter((w) => w.predicate(push));
    this.waiters = this.waiters.filter((w) => !matched.includes(w));
    for (const waiter of matched) waiter.resolve(push);
  }
}

/**
 * The test CA the current process trusts: the one NODE_EXTRA_CA_CERTS names. Node reads that
 * variable once at start-up, so the CA must exist before the process (Jest, a fleet
 * service) starts; creating it here would give a CA nobody trusts.
 */
export function testCaFromEnvironment(): TestCa {
  const caFile = process.env['NODE_EXTRA_CA_CERTS'];
  const resolved = caFile ? path.resolve(caFile) : undefined;
  if (!resolved || path.basename(resolved) !== 'ca.pem' || !fs.existsSync(path.join(path.dirname(resolved), 'ca-bundle.pem'))) {
    throw new Error(
      `NODE_EXTRA_CA_CERTS=${caFile ?? '(unset)'} does not name a test CA, so this process would not trust the fake servers. ` +
        'Create it first (node libs/apns/scripts/ensure-test-ca.cjs .local/test-ca) and start node with ' +
        'NODE_EXTRA_CA_CERTS=$PWD/.local/test-ca/ca.pem (Node reads the variable only at start-up).',
    );
  }
  return ensureTestCa(path.dirname(resolved));
}

function socketKey(socket: { remoteAddress?: string; remotePort?: number }): string {
  return `${socket.remoteAddress}:${socket.remotePort}`;
}

function definedFields(fields: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const defined: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) defined[name] = value;
  return defined;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function flattenHeaders(headers: http2.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return flat;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
