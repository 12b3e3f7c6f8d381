import { walletobjects, type walletobjects_v1 } from '@googleapis/walletobjects';
import { JWT } from 'google-auth-library';
import type { LoyaltyClass } from '../loyalty/loyalty-class.builder';
import type { LoyaltyObject } from '../loyalty/loyalty-object.builder';
import type { WalletObjectType, WalletResource } from '../kinds/wallet-object-type';
import type { ServiceAccount } from '../service-account/service-account';
import { GoogleWalletError, toGoogleWalletError } from './google-wallet.error';

/** Google's endpoint; GOOGLE_WALLET_API_URL overrides it. */
export const GOOGLE_WALLET_API_URL = 'https://walletobjects.googleapis.com/';
export const WALLET_OBJECT_ISSUER_SCOPE = 'https://www.googleapis.com/auth/wallet_object.issuer';

const REQUEST_TIMEOUT_MS = 30_000;

export interface GoogleWalletClientOptions {
  serviceAccount: ServiceAccount;
  rootUrl?: string;
}

export interface WalletMessage {
  header: string;
  body: string;
  id?: string;
  /** TEXT_AND_NOTIFY pushes a notification and counts against Google's 3 per pass per 24 h. */
  messageType?: 'TEXT' | 'TEXT_AND_NOTIFY';
}

export interface UpsertResult<T> {
  created: boolean;
  resource: T;
}

/** What this client calls on each vertical's class and object resources of the generated client. */
interface ResourceApi {
  insert(params: { requestBody: unknown }): Promise<{ data: unknown }>;
  update(params: { resourceId: string; requestBody: unknown }): Promise<{ data: unknown }>;
  patch(params: { resourceId: string; requestBody: unknown }): Promise<{ data: unknown }>;
  addmessage(params: { resourceId: string; requestBody: unknown }): Promise<{ data: unknown }>;
}

/**
 * Classes and objects of every vertical the platform writes (loyalty by default; offer,
 * eventTicket and generic for the other pass kinds) over Google Wallet's REST API, for one
 * service account.
 */
export class GoogleWalletClient {
  readonly clientEmail: string;
  private readonly api: walletobjects_v1.Walletobjects;

  constructor(options: GoogleWalletClientOptions) {
    this.clientEmail = options.serviceAccount.clientEmail;
    const auth = new JWT({
      email: options.serviceAccount.clientEmail,
      key: options.serviceAccount.privateKeyPem,
      keyId: options.serviceAccount.privateKeyId,
      scopes: [WALLET_OBJECT_ISSUER_SCOPE],
    });
    // The bearer is then a JWT self-signed with the service-account key (claims iss/sub,
    // scope, iat, exp): no round trip to oauth2.googleapis.com, and anyone holding the
    // public key can verify it. google-auth-library 10 ignores this as a constructor
    // option, so it must be set on the instance.
    auth.useJWTAccessWithScope = true;
    this.api = walletobjects({
      version: 'v1',
      // The generated client's typings name googleapis-common's own nested copy of
      // google-auth-library; the JWT classes differ only nominally (private fields) and
      // the client merely calls request() on it.
      auth: auth as unknown as walletobjects_v1.Options['auth'],
      rootUrl: options.rootUrl ?? GOOGLE_WALLET_API_URL,
      timeout: REQUEST_TIMEOUT_MS,
      // Node's own fetch: gaxios otherwise lazy-loads the ESM-only node-fetch through a
      // dynamic import, which CommonJS runtimes such as Jest's VM cannot load.
      fetchImplementation: fetch,
    });
  }

  /** Inserts the class, or replaces it with this body when it already exists. Idempotent. */
  async ensureClass(walletClass: LoyaltyClass | WalletResource, type: WalletObjectType = 'loyalty'): Promise<UpsertResult<LoyaltyClass>> {
    const resourceId = requireId(walletClass, 'class');
    const api = this.resources(type).classes;
    try {
      const inserted = await api.insert({ requestBody: walletClass });
      return { created: true, resource: inserted.data as LoyaltyClass };
    } catch (thrown) {
      if (statusOf(thrown) !== 409) throw toGoogleWalletError(`${type}Class.insert`, resourceId, thrown);
    }
    // PUT rather than PATCH so fields dropped from the programme (a removed logo) also
    // disappear at Google.
    const updated = await this.call(`${type}Class.update`, resourceId, () => api.update({ resourceId, requestBody: walletClass }));
    return { created: false, resource: updated as LoyaltyClass };
  }

  /** Inserts the object, or patches the existing one with this body. Idempotent. */
  async insertObject(walletObject: LoyaltyObject | WalletResource, type: WalletObjectType = 'loyalty'): Promise<UpsertResult<LoyaltyObject>> {
    const resourceId = requireId(walletObject, 'object');
    try {
      const inserted = await this.resources(type).objects.insert({ requestBody: walletObject });
      return { created: true, resource: inserted.data as LoyaltyObject };
    } catch (thrown) {
      if (statusOf(thrown) !== 409) throw toGoogleWalletError(`${type}Object.insert`, resourceId, thrown);
    }
    const patched = await this.patchObject(resourceId, walletObject, type);
    return { created: false, resource: patched };
  }

  async patchObject(objectId: string, partial: LoyaltyObject | WalletResource, type: WalletObjectType = 'loyalty'): Promise<LoyaltyObject> {
    const api = this.resources(type).objects;
    return (await this.call(`${type}Object.patch`, objectId, () => api.patch({ resourceId: objectId, requestBody: partial }))) as LoyaltyObject;
  }

  /** Adds a message to the pass; by default it also notifies the holder. */
  async addMessage(objectId: string, message: WalletMessage, type: WalletObjectType = 'loyalty'): Promise<LoyaltyObject> {
    const requestBody: walletobjects_v1.Schema$AddMessageRequest = {
      message: {
        header: message.header,
        body: message.body,
        messageType: message.messageType ?? 'TEXT_AND_NOTIFY',
        ...(message.id ? { id: message.id } : {}),
      },
    };
    const api = this.resources(type).objects;
    const response = (await this.call(`${type}Object.addMessage`, objectId, () => api.addmessage({ resourceId: objectId, requestBody }))) as { resource?: LoyaltyObject };
    return response.resource ?? {};
  }

  // The generated resources differ only in their schema types; the calls are the same REST shapes.
  private resources(type: WalletObjectType): { classes: ResourceApi; objects: ResourceApi } {
    const pairs = {
      loyalty: [this.api.loyaltyclass, this.api.loyaltyobject],
      offer: [this.api.offerclass, this.api.offerobject],
      eventTicket: [this.api.eventticketclass, this.api.eventticketobject],
      generic: [this.api.genericclass, this.api.genericobject],
    } as const;
    const [classes, objects] = pairs[type];
    return { classes: classes as unknown as ResourceApi, objects: objects as unknown as ResourceApi };
  }

  private async call<T>(operation: string, resourceId: string, request: () => Promise<{ data: T }>): Promise<T> {
    try {
      return (await request()).data;
    } catch (thrown) {
      throw toGoogleWalletError(operation, resourceId, thrown);
    }
  }
}

function requireId(resource: { id?: string | null }, kind: string): string {
  if (!resource.id) {
    throw new GoogleWalletError(400, 'invalidResource', `Google Wallet ${kind} has no id.`);
  }
  return resource.id;
}

function statusOf(thrown: unknown): number | undefined {
  const response = (thrown as { response?: { status?: unknown } } | null)?.response;
  return typeof response?.status === 'number' ? response.status : undefined;
}
