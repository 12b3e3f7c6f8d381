import type { LoyaltyClass } from '../loyalty/loyalty-class.builder';
import type { LoyaltyObject } from '../loyalty/loyalty-object.builder';
import { savePayloadKeys, type WalletObjectType, type WalletResource } from '../kinds/wallet-object-type';
import type { ServiceAccount } from '../service-account/service-account';
import { signRs256Jwt } from './rs256-jwt';

export const SAVE_URL_PREFIX = 'https://pay.google.com/gp/v/save/';

/** Google: "JWTs used in web links must not exceed 1800 characters" (browsers truncate). */
export const SAVE_URL_MAX_LENGTH = 1800;

export interface SaveUrl {
  url: string;
  jwt: string;
}

export interface CreateSaveUrlInput {
  serviceAccount: ServiceAccount;
  /** When given, every class and object id must belong to this issuer. */
  issuerId?: string;
  /** Domains allowed to show the Save button; empty is fine for plain links. */
  origins: string[];
  /** The classes and objects, of the vertical `objectType` (loyalty unless said). */
  loyaltyClasses?: object[];
  loyaltyObjects: object[];
  objectType?: WalletObjectType;
  issuedAt?: Date;
}

/** Signs a "Save to Google Wallet" JWT and wraps it in the save link. */
export function createSaveUrl(input: CreateSaveUrlInput): SaveUrl {
  if (input.loyaltyObjects.length === 0) {
    throw new RangeError('A save URL needs at least one loyalty object.');
  }
  if (input.issuerId !== undefined) {
    for (const resource of [...(input.loyaltyClasses ?? []), ...input.loyaltyObjects]) {
      assertBelongsToIssuer(resource, input.issuerId);
    }
  }
  const keys = savePayloadKeys(input.objectType ?? 'loyalty');
  const claims = {
    iss: input.serviceAccount.clientEmail,
    aud: 'google',
    typ: 'savetowallet',
    iat: Math.floor((input.issuedAt ?? new Date()).getTime() / 1000),
    origins: input.origins,
    payload: {
      ...(input.loyaltyClasses?.length ? { [keys.classes]: input.loyaltyClasses } : {}),
      [keys.objects]: input.loyaltyObjects,
    },
  };
  const jwt = signRs256Jwt(input.serviceAccount, claims);
  return { jwt, url: `${SAVE_URL_PREFIX}${jwt}` };
}

export type SaveUrlForm = 'object-reference' | 'object-only' | 'class-and-object';

export interface CreateLeanSaveUrlInput {
  serviceAccount: ServiceAccount;
  origins: string[];
  loyaltyClass: LoyaltyClass | WalletResource;
  loyaltyObject: LoyaltyObject | WalletResource;
  /** The vertical of the class and object; loyalty by default. */
  objectType?: WalletObjectType;
  /** What already exists at Google because it was inserted through the REST API. */
  inserted: { class: boolean; object: boolean };
  issuedAt?: Date;
}

export class SaveUrlTooLongError extends Error {
  override readonly name = 'SaveUrlTooLongError';
  readonly code = 'GOOGLE_SAVE_URL_TOO_LONG';

  constructor(readonly length: number) {
    super(
      `The Google Wallet save URL would be ${length} characters (limit ${SAVE_URL_MAX_LENGTH}); ` +
        'insert the class and object through the API first so the link only references them.',
    );
  }
}

/**
 * Builds the shortest save link the current state allows, because links travel by SMS
 * and browsers truncate past 1,800 characters:
 * - object inserted through the API → Google's "skinny JWT": only `{id, classId}`;
 * - only the class inserted → the object body, with the class referenced by `classId`;
 * - nothing inserted → class and object bodies (Google creates both on save).
 * The platform inserts the class (ensureClass) and the object (insertObject) before
 * sending links, so links are the skinny form and later PATCHes find the object even
 * if the member has not saved the pass yet. Throws SaveUrlTooLongError rather than
 * hand out a link that browsers would cut.
 */
export function createLeanSaveUrl(input: CreateLeanSaveUrlInput): SaveUrl & { form: SaveUrlForm } {
  const { loyaltyClass, loyaltyObject } = input;
  const common = { serviceAccount: input.serviceAccount, origins: input.origins, issuedAt: input.issuedAt, objectType: input.objectType };

  let form: SaveUrlForm;
  let saveUrl: SaveUrl;
  if (input.inserted.object) {
    form = 'object-reference';
    saveUrl = createSaveUrl({ ...common, loyaltyObjects: [{ id: loyaltyObject.id, classId: loyaltyObject.classId }] });
  } else if (input.inserted.class) {
    form = 'object-only';
    saveUrl = createSaveUrl({ ...common, loyaltyObjects: [loyaltyObject] });
  } else {
    form = 'class-and-object';
    saveUrl = createSaveUrl({ ...common, loyaltyClasses: [loyaltyClass], loyaltyObjects: [loyaltyObject] });
  }
  if (saveUrl.url.length > SAVE_URL_MAX_LENGTH) {
    throw new SaveUrlTooLongError(saveUrl.url.length);
  }
  return { ...saveUrl, form };
}

function assertBelongsToIssuer(resource: object, issuerId: string): void {
  const id = (resource as { id?: unknown }).id;
  if (typeof id !== 'string' || !id.startsWith(`${issuerId}.`)) {
    throw new RangeError(`Every class and object in a save URL needs an id of the form "${issuerId}.<suffix>".`);
  }
}
