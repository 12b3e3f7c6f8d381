import type { walletobjects_v1 } from '@googleapis/walletobjects';
import { googleResourceId, sanitizeIdentifier } from './resource-id';

export type LoyaltyObject = walletobjects_v1.Schema$LoyaltyObject;

export type LoyaltyObjectState = 'ACTIVE' | 'INACTIVE' | 'EXPIRED' | 'COMPLETED';

export type BarcodeType = 'QR_CODE' | 'PDF_417' | 'AZTEC' | 'CODE_128';

/** One language's text, as Google's `TranslatedString`; `language` is a BCP 47 tag. */
export interface Translation {
  language: string;
  value: string;
}

export interface TextModule {
  header: string;
  body: string;
  id?: string;
  /** Becomes `localizedHeader` / `localizedBody` (the text as `defaultValue`, these as `translatedValues`). */
  headerTranslations?: Translation[];
  bodyTranslations?: Translation[];
}

/** A point Google shows the pass near (at most 10 per object). */
export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/** Google: an object holds at most 10 merchant locations. */
export const MAX_MERCHANT_LOCATIONS = 10;

export interface ValidTimeInterval {
  start?: Date | string;
  end?: Date | string;
}

export interface LoyaltyObjectInput {
  issuerId: string;
  objectSuffix: string;
  /** The full class id, "{issuerId}.{classSuffix}" (see buildLoyaltyClass). */
  classId: string;
  accountId: string;
  accountName: string;
  points: number;
  pointsLabel?: string;
  tier?: string;
  barcodeValue: string;
  barcodeType?: BarcodeType;
  state: LoyaltyObjectState;
  textModules?: TextModule[];
  validTimeInterval?: ValidTimeInterval;
  /**
   * Stored value as Google's money type (micros and an ISO 4217 code). It takes the secondary
   * points slot, and the tier then shows as a text module instead.
   */
  money?: { micros: number; currencyCode: string; label?: string };
  /** Translations of the points label ("Points") and the tier label ("Tier"). */
  pointsLabelTranslations?: Translation[];
  tierLabelTranslations?: Translation[];
  /** The language of the texts as given (each LocalizedString's defaultValue); `en` by default. */
  defaultLanguage?: string;
  /** Where the pass is relevant: `merchantLocations` (and the older `locations`). */
  locations?: GeoPoint[];
  /**
   * The object may land as a PATCH over an earlier version (an insert answered 409): then
   * locations and label translations it no longer has are sent as null, which clears them
   * (Google's patch semantics keep any field a patch leaves out).
   */
  clearMissing?: boolean;
}

// Google's LoyaltyPointsBalance.int is an int32.
const INT32_MAX = 2 ** 31 - 1;
const INT32_MIN = -(2 ** 31);

export function buildLoyaltyObject(input: LoyaltyObjectInput): LoyaltyObject {
  if (!Number.isInteger(input.points) || input.points > INT32_MAX || input.points < INT32_MIN) {
    throw new RangeError('points must be a whole number that fits in 32 bits.');
  }
  if ((input.locations?.length ?? 0) > MAX_MERCHANT_LOCATIONS) {
    throw new RangeError(`an object holds at most ${MAX_MERCHANT_LOCATIONS} merchant locations.`);
  }
  const language = input.defaultLanguage ?? 'en';
  const localized = (text: string, translations: Translation[] | undefined) => localizedString(text, translations, language, input.clearMissing ?? false);
  const pointsLabel = input.pointsLabel ?? 'Points';
  const object: LoyaltyObject = {
    id: googleResourceId(input.issuerId, input.objectSuffix),
    classId: input.classId,
    state: input.state,
    accountId: input.accountId,
    accountName: input.accountName,
    loyaltyPoints: { label: pointsLabel, ...localized(pointsLabel, input.pointsLabelTranslations)('localizedLabel'), balance: { int: input.points } },
    barcode: { type: input.barcodeType ?? 'QR_CODE', value: input.barcodeValue, alternateText: input.barcodeValue },
  };
  // LoyaltyObject has no tier field (rewardsTier lives on the class, shared by every
  // member); a string balance in the secondary points slot shows each member's own tier.
  const textModules = [...(input.textModules ?? [])];
  if (input.money) {
    const label = input.money.label ?? 'Balance';
    object.secondaryLoyaltyPoints = { label, balance: { money: { micros: String(input.money.micros), currencyCode: input.money.currencyCode } } };
    if (input.tier) textModules.unshift({ id: 'tier', header: 'Tier', body: input.tier, headerTranslations: input.tierLabelTranslations });
  } else if (input.tier) {
    object.secondaryLoyaltyPoints = { label: 'Tier', ...localized('Tier', input.tierLabelTranslations)('localizedLabel'), balance: { string: input.tier } };
  }
  if (textModules.length) {
    object.textModulesData = textModules.map((module) => ({
      header: module.header,
      body: module.body,
      // The array is replaced whole on a patch, so absent translations need no null here.
      ...localizedString(module.header, module.headerTranslations, language, false)('localizedHeader'),
      ...localizedString(module.body, module.bodyTranslations, language, false)('localizedBody'),
      ...(module.id ? { id: sanitizeIdentifier(module.id) } : {}),
    }));
  }
  if (input.locations?.length) {
    for (const point of input.locations) {
      if (!(Math.abs(point.latitude) <= 90) || !(Math.abs(point.longitude) <= 180)) throw new RangeError('a location must have a latitude from -90 to 90 and a longitude from -180 to 180.');
    }
    object.merchantLocations = input.locations.map(({ latitude, longitude }) => ({ latitude, longitude }));
    // The LatLongPoints merchantLocations replaces: older Wallet clients still read them.
    object.locations = input.locations.map(({ latitude, longitude }) => ({ kind: 'walletobjects#latLongPoint', latitude, longitude }));
  } else if (input.clearMissing) {
    Object.assign(object, { merchantLocations: null, locations: null });
  }
  if (input.validTimeInterval) {
    object.validTimeInterval = timeInterval(input.validTimeInterval);
  }
  return object;
}

/**
 * `{[key]: LocalizedString}` when there are translations, else nothing: Google shows the
 * translation matching the viewer's language and the plain text otherwise.
 */
function localizedString(text: string, translations: Translation[] | undefined, language: string, clearMissing: boolean) {
  return <K extends string>(key: K): Partial<Record<K, walletobjects_v1.Schema$LocalizedString>> => {
    if (!translations?.length) return clearMissing ? ({ [key]: null } as unknown as Partial<Record<K, walletobjects_v1.Schema$LocalizedString>>) : {};
    return {
      [key]: {
        defaultValue: { language, value: text },
        translatedValues: translations.map((t) => ({ language: t.language, value: t.value })),
      },
    } as Partial<Record<K, walletobjects_v1.Schema$LocalizedString>>;
  };
}

function timeInterval(interval: ValidTimeInterval): walletobjects_v1.Schema$TimeInterval {
  return {
    ...(interval.start !== undefined ? { start: { date: isoDateTime(interval.start) } } : {}),
    ...(interval.end !== undefined ? { end: { date: isoDateTime(interval.end) } } : {}),
  };
}

// Google reads a date-time without an offset as local to each viewer; validity is an
// instant, so it is always sent in UTC with an explicit 'Z'.
function isoDateTime(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) {
    throw new RangeError('validTimeInterval holds an invalid date.');
  }
  return date.toISOString();
}
