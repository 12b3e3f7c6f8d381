import { createPublicKey } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyBearer, type TrustedServiceAccount } from './self-signed-jwt.verifier';
import type { TestServiceAccount } from './test-service-account';

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/walletobjects/v1/loyaltyObject/338800.member-1`. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** The service-account e-mail whose bearer verified, or null. */
  identity: string | null;
  /** The verified bearer JWT's claims (iss, sub, scope, iat, exp). */
  bearerClaims?: Record<string, unknown>;
  /** Why the bearer was refused, when it was. */
  authError?: string;
  /** The status the fake answered. */
  status: number;
}

export interface FakeServiceAccountRegistration {
  clientEmail: string;
  publicKeyPem: string;
  privateKeyId?: string;
}

export interface FakeGoogleWalletServerOptions {
  /** Clock for bearer expiry and the message quota window; defaults to Date.now. */
  now?: () => number;
}

type Vertical = 'loyalty' | 'offer' | 'eventTicket' | 'generic';
type ResourceType = `${Vertical}Class` | `${Vertical}Object`;
const VERTICALS: Vertical[] = ['loyalty', 'offer', 'eventTicket', 'generic'];
type Resource = Record<string, unknown> & { id: string };
type Reply = { status: number; body: unknown };

const ROUTE = /^\/walletobjects\/v1\/((?:loyalty|offer|eventTicket|generic)(?:Class|Object))(?:\/([^/]+)(?:\/(addMessage))?)?$/;
/** What Google requires of each vertical's class (its reference's "Required" fields). */
const REQUIRED_CLASS_FIELDS: Record<Vertical, string[]> = {
  loyalty: ['issuerName', 'programName', 'reviewStatus'],
  offer: ['issuerName', 'provider', 'title', 'redemptionChannel', 'reviewStatus'],
  eventTicket: ['issuerName', 'eventName', 'reviewStatus'],
  generic: [],
};
const RESOURCE_ID = /^\d+\.[A-Za-z0-9._-]+$/;
// Google: 3 TEXT_AND_NOTIFY messages per pass per 24 h.
const NOTIFYING_MESSAGES_PER_DAY = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

interface Waiter {
  predicate: (request: RecordedRequest) => boolean;
  resolve: (request: RecordedRequest) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * A local stand-in for walletobjects.googleapis.com: the REST paths the generated
 * `@googleapis/walletobjects` client calls, in-memory classes and objects, Google-shaped
 * error bodies, and bearer verification against registered service-account keys.
 * Point GOOGLE_WALLET_API_URL (GoogleWalletClient `rootUrl`) at `start()`'s url.
 */
export class FakeGoogleWalletServer {
  private server?: Server;
  private readonly trusted = new Map<string, TrustedServiceAccount>();
  private readonly issuersByAccount = new Map<string, string[]>();
  private readonly stores = Object.fromEntries(VERTICALS.flatMap((v) => [[`${v}Class`, new Map()], [`${v}Object`, new Map()]])) as Record<ResourceType, Map<string, Resource>>;
  private readonly notificationTimes = new Map<string, number[]>();
  private readonly recorded: RecordedRequest[] = [];
  private waiters: Waiter[] = [];
  private readonly now: () => number;

  constructor(options: FakeGoogleWalletServerOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Trusts a service account's public key. With `issuerIds`, the account may only touch
   * those issuers' resources (403 otherwise), like an account not added to an issuer in
   * the Pay & Wallet Console.
   */
  registerServiceAccount(account: TestServiceAccount | FakeServiceAccountRegistration, options: { issuerIds?: string[] } = {}): void {
    const registration: FakeServiceAccountRegistration =
      'serviceAccount' in account
        ? { clientEmail: account.serviceAccount.clientEmail, publicKeyPem: account.publicKeyPem, privateKeyId: account.serviceAccount.privateKeyId }
        : account;
    this.trusted.set(registration.clientEmail, {
      clientEmail: registration.clientEmail,
      publicKey: createPublicKey(registration.publicKeyPem),
      privateKeyId: registration.privateKeyId,
    });
    if (options.issuerIds) this.issuersByAccount.set(registration.clientEmail, options.issuerIds);
  }

  async start(): Promise<{ url: string }> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/` };
  }

  async stop(): Promise<void> {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('FakeGoogleWalletServer stopped before a matching request arrived.'));
    }
    this.waiters = [];
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // fetch keeps connections alive; close() alone would wait for them to idle out.
      server.closeAllConnections();
    });
  }

  /** Every request so far, in arrival order. */
  get requests(): readonly RecordedRequest[] {
    return [...this.recorded];
  }

  /** Resolves with the first request (already arrived or still to come) matching `predicate`. */
  waitFor(predicate: (request: RecordedRequest) => boolean, timeoutMs = 5_000): Promise<RecordedRequest> {
    const arrived = this.recorded.find(predicate);
    if (arrived) return Promise.resolve(arrived);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((other) => other !== waiter);
          const seen = this.recorded.map((r) => `${r.method} ${r.path} → ${r.status}`).join(', ') || 'none';
          reject(new Error(`No matching request within ${timeoutMs} ms; requests seen: ${seen}`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  loyaltyClass(id: string): Resource | undefined {
    const stored = this.stores.loyaltyClass.get(id);
    return stored && structuredClone(stored);
  }

  loyaltyObject(id: string): Resource | undefined {
    const stored = this.stores.loyaltyObject.get(id);
    return stored && structuredClone(stored);
  }

  /** A stored class or object of any vertical, e.g. `resource('offerObject', id)`. */
  resource(type: ResourceType, id: string): Resource | undefined {
    const stored = this.stores[type].get(id);
    return stored && structuredClone(stored);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const method = req.method ?? 'GET';
    const rawBody = await readBody(req);
    const parsed = parseJson(rawBody);
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: parsed.ok ? parsed.value : rawBody,
      identity: null,
      status: 0,
    };

    let reply: Reply;
    const auth = verifyBearer(req.headers.authorization, this.trusted, Math.floor(this.now() / 1000));
    if (!auth.ok) {
      record.authError = auth.message;
      reply = googleError(auth.status, auth.status === 401 ? 'UNAUTHENTICATED' : 'PERMISSION_DENIED', auth.reason, auth.message);
    } else {
      record.identity = auth.clientEmail;
      record.bearerClaims = auth.claims;
      reply = parsed.ok ? this.route(method, url.pathname, parsed.value, auth.clientEmail) : badRequest('parseError', 'Body is not JSON.');
    }

    record.status = reply.status;
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=UTF-8',
      ...(reply.status === 401 ? { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' } : {}),
    });
    res.end(JSON.stringify(reply.body));
    this.remember(record);
  }

  private remember(record: RecordedRequest): void {
    this.recorded.push(record);
    const matched = this.waiters.filter((waiter) => waiter.predicate(record));
    this.waiters = this.waiters.filter((waiter) => !matched.includes(waiter));
    for (const waiter of matched) {
      clearTimeout(waiter.timer);
      waiter.resolve(record);
    }
  }

  private route(method: string, path: string, body: unknown, clientEmail: string): Reply {
    const match = ROUTE.exec(path);
    if (!match) return notFound(`Unknown path ${path}.`);
    const type = match[1] as ResourceType;
    const resourceId = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
    const action = match[3];

    if (resourceId === undefined) {
      return method === 'POST' ? this.insert(type, body, clientEmail) : notFound(`${method} ${path} is not served.`);
    }
    const denied = this.checkIssuer(resourceId, clientEmail);
    if (denied) return denied;
    const existing = this.stores[type].get(resourceId);
    if (!existing) return notFound(`Resource not found: ${resourceId}`);

    if (action === 'addMessage') {
      return method === 'POST' ? this.addMessage(type, existing, body) : notFound(`${method} ${path} is not served.`);
    }
    switch (method) {
      case 'GET':
        return ok(existing);
      case 'PATCH':
        return this.save(type, resourceId, mergePatch(existing, body));
      case 'PUT':
        return this.save(type, resourceId, body);
      default:
        return notFound(`${method} ${path} is not served.`);
    }
  }

  private insert(type: ResourceType, body: unknown, clientEmail: string): Reply {
    const id = isRecord(body) ? body['id'] : undefined;
    if (typeof id !== 'string' || !RESOURCE_ID.test(id)) {
      return badRequest('invalidResource', 'Resource id must look like "{issuerId}.{identifier}".');
    }
    const denied = this.checkIssuer(id, clientEmail);
    if (denied) return denied;
    // Google's reason string for a duplicate insert is not documented; only 409 is relied on.
    if (this.stores[type].has(id)) return googleError(409, 'ALREADY_EXISTS', 'duplicate', `Resource already exists: ${id}`);
    return this.save(type, id, body);
  }

  private save(type: ResourceType, id: string, body: unknown): Reply {
    if (!isRecord(body)) return badRequest('invalidResource', 'Body must be a JSON object.');
    if (body['id'] !== undefined && body['id'] !== id) return badRequest('invalidResource', 'Body id does not match the path.');
    // Google reads a null as "not set" (a patch uses it to clear a field; mergePatch did that).
    const resource: Resource = { ...(withoutNulls(body) as Record<string, unknown>), id, kind: `walletobjects#${type}` };
    const vertical = type.replace(/(Class|Object)$/, '') as Vertical;
    const invalid = type.endsWith('Object') ? this.invalidObject(vertical, resource) : invalidClass(vertical, resource);
    if (invalid) return badRequest('invalidResource', invalid);
    this.stores[type].set(id, resource);
    return ok(resource);
  }

  private invalidObject(vertical: Vertical, resource: Resource): string | undefined {
    const classId = resource['classId'];
    if (typeof classId !== 'string' || !this.stores[`${vertical}Class`].has(classId)) {
      return `classId ${String(classId)} does not name an existing ${vertical} class.`;
    }
    // Google: a generic object needs its own cardTitle and header (the class has no text).
    if (vertical === 'generic') {
      const invalid = ['cardTitle', 'header'].find((field) => !isRecord(resource[field]));
      if (invalid) return `${invalid} is required.`;
    }
    if (!['ACTIVE', 'INACTIVE', 'EXPIRED', 'COMPLETED'].includes(String(resource['state']).toUpperCase())) {
      return 'state must be ACTIVE, INACTIVE, EXPIRED or COMPLETED.';
    }
    return invalidLocations(resource) ?? invalidLocalizedStrings(resource, '');
  }

  private addMessage(type: ResourceType, resource: Resource, body: unknown): Reply {
    const message = isRecord(body) ? body['message'] : undefined;
    if (!isRecord(message) || typeof message['header'] !== 'string' || typeof message['body'] !== 'string') {
      return badRequest('invalidResource', 'addMessage needs {message: {header, body}}.');
    }
    if (message['messageType'] === 'TEXT_AND_NOTIFY') {
      const now = this.now();
      const recent = (this.notificationTimes.get(resource.id) ?? []).filter((time) => now - time < DAY_MS);
      if (recent.length >= NOTIFYING_MESSAGES_PER_DAY) {
        return googleError(
          429,
          'RESOURCE_EXHAUSTED',
          'QuotaExceededException',
          `At most ${NOTIFYING_MESSAGES_PER_DAY} notifying messages per object per 24 hours.`,
        );
      }
      this.notificationTimes.set(resource.id, [...recent, now]);
    }
    const messages = Array.isArray(resource['messages']) ? resource['messages'] : [];
    const updated: Resource = { ...resource, messages: [...messages, { ...message, kind: 'walletobjects#walletObjectMessage' }] };
    this.stores[type].set(resource.id, updated);
    return ok({ resource: updated });
  }

  private checkIssuer(resourceId: string, clientEmail: string): Reply | undefined {
    const allowed = this.issuersByAccount.get(clientEmail);
    if (!allowed || allowed.includes(resourceId.split('.')[0])) return undefined;
    return googleError(403, 'PERMISSION_DENIED', 'permissionDenied', 'The caller does not have permission');
  }
}

// Google: "There is a maximum of ten [merchantLocations] on the object"; points outside the
// latitude/longitude ranges "will be rejected".
function invalidLocations(resource: Resource): string | undefined {
  const merchant = resource['merchantLocations'];
  if (merchant !== undefined && (!Array.isArray(merchant) || merchant.length > 10)) return 'merchantLocations holds at most 10 locations.';
  for (const key of ['merchantLocations', 'locations']) {
    const points = resource[key];
    if (points === undefined) continue;
    if (!Array.isArray(points)) return `${key} must be an array.`;
    for (const point of points) {
      const { latitude, longitude } = isRecord(point) ? point : {};
      if (typeof latitude !== 'number' || Math.abs(latitude) > 90 || typeof longitude !== 'number' || Math.abs(longitude) > 180) {
        return `${key}: latitude must be within -90..90 and longitude within -180..180.`;
      }
    }
  }
  return undefined;
}

/** Every `localized*` field must be a LocalizedString: a defaultValue and translatedValues, each {language, value}. */
function invalidLocalizedStrings(value: unknown, path: string): string | undefined {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const invalid = invalidLocalizedStrings(item, `${path}[${i}]`);
      if (invalid) return invalid;
    }
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const where = path ? `${path}.${key}` : key;
    if (/^localized[A-Z]/.test(key)) {
      const invalid = invalidLocalizedString(child, where);
      if (invalid) return invalid;
    } else {
      const invalid = invalidLocalizedStrings(child, where);
      if (invalid) return invalid;
    }
  }
  return undefined;
}

function invalidLocalizedString(value: unknown, where: string): string | undefined {
  const translated = (entry: unknown) => isRecord(entry) && typeof entry['language'] === 'string' && entry['language'] !== '' && typeof entry['value'] === 'string';
  if (!isRecord(value) || !translated(value['defaultValue'])) return `${where}.defaultValue must be a TranslatedString {language, value}.`;
  const values = value['translatedValues'];
  if (values !== undefined && (!Array.isArray(values) || !values.every(translated))) return `${where}.translatedValues must be TranslatedStrings {language, value}.`;
  return undefined;
}

function invalidClass(vertical: Vertical, resource: Resource): string | undefined {
  for (const field of REQUIRED_CLASS_FIELDS[vertical]) {
    if (resource[field] === undefined) return `${field} is required.`;
  }
  return undefined;
}

function ok(body: unknown): Reply {
  return { status: 200, body };
}

function notFound(message: string): Reply {
  return googleError(404, 'NOT_FOUND', 'resourceNotFound', message);
}

function badRequest(reason: string, message: string): Reply {
  return googleError(400, 'INVALID_ARGUMENT', reason, message);
}

/** Google's JSON error envelope, as the generated client and gaxios expect it. */
function googleError(code: number, status: string, reason: string, message: string): Reply {
  return { status: code, body: { error: { code, message, errors: [{ message, domain: 'walletobjects', reason }], status } } };
}

// Patch semantics: present fields replace, nested objects merge, null clears.
function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(target) || !isRecord(patch)) return structuredClone(patch);
  const merged: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = mergePatch(target[key], value);
  }
  return merged;
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isRecord(value)) return structuredClone(value);
  return Object.fromEntries(Object.entries(value).flatMap(([key, child]) => (child === null ? [] : [[key, withoutNulls(child)]])));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): { ok: boolean; value: unknown } {
  if (text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, value: undefined };
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
