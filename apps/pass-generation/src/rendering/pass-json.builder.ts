import { MAX_NFC_MESSAGE_BYTES, PassPlaceholder, PassStatus } from '@wp/contracts';
import { appleColor } from './brand-color.normalizer';
import { APPLE_STYLE_KEY, APPLE_TRANSIT_TYPE, KIND_NOUN } from './pass-kinds';
import type { PassContent } from './pass-content';
import { DEFAULT_FIELDS, FIELD_AREAS, FieldArea, FieldTemplate, FieldTemplates, PassLook, hasAnyField } from './pass-look';
import { formatMoney, majorUnits } from './money';
import { PlaceholderValues, renderPlaceholders, usesPlaceholder } from './placeholder.renderer';

export interface PassIdentity {
  passTypeIdentifier: string;
  teamIdentifier: string;
}

export interface PassHolder {
  memberId: string;
  memberName: string | null;
  points: number;
  tier: string;
  /** Stored value in minor units and the tenant's currency; absent where no template shows it. */
  balance?: { minor: number; currency: string };
  serialNumber?: string;
  /** Set on coupon passes: the title of the coupon. */
  couponTitle?: string | null;
}

export interface PassJsonInput {
  identity: PassIdentity;
  serialNumber: string;
  organizationName: string;
  /** Null for passes that are never updated (the demo). */
  webService: { url: string; authenticationToken: string } | null;
  holder: PassHolder;
  look: PassLook;
  state: { status: PassStatus; expirationDate: Date | null };
  /** The latest message to the holder (POST /v1/notifications), or null. */
  message?: string | null;
  /** Relevance and NFC as the pass shows them (its own over its style's); none when absent. */
  content?: PassContent;
}

interface AppleField {
  key: string;
  label?: string;
  value: string | number;
  currencyCode?: string;
  changeMessage?: string;
}

const AREA_KEYS: Record<FieldArea, string> = {
  header: 'headerFields',
  primary: 'primaryFields',
  secondary: 'secondaryFields',
  auxiliary: 'auxiliaryFields',
  back: 'backFields',
};
/** How many fields Wallet shows in each area of a store card. */
const AREA_CAPACITY: Record<FieldArea, number> = { header: 3, primary: 2, secondary: 4, auxiliary: 4, back: Number.POSITIVE_INFINITY };
/** Where a missing points or tier field goes, in order of preference. */
const FALLBACK_AREAS: FieldArea[] = ['header', 'secondary', 'auxiliary', 'back'];
/** Statuses that make Wallet show the pass as no longer valid. */
const VOIDING: ReadonlySet<PassStatus> = new Set(['voided', 'blocked', 'redeemed']);

/**
 * The pass.json of one member's pass: pure, so a pass version always renders to the same bytes.
 * The look's kind (the pass's own: a coupon pass is a coupon whatever its style) picks Apple's style key (storeCard, coupon, eventTicket, generic,
 * boardingPass with its transitType). A loyalty card (storeCard) always shows points and
 * tier; every field that shows them carries a `changeMessage`, because that is what makes an
 * update visible on the lock screen (Apple ignores the push payload).
 */
export function buildPassJson(input: PassJsonInput): Record<string, unknown> {
  const { look, holder, state } = input;
  const values = placeholderValues(holder, input.organizationName);
  const fields = hasAnyField(look.fields) ? look.fields : DEFAULT_FIELDS;
  // Other kinds show what their style says: a ticket or a coupon is not about points.
  const templates = look.kind === 'store_card' ? withPointsAndTier(fields) : fields;
  const section: Record<string, unknown> = {};
  if (look.kind === 'boarding_pass') section.transitType = APPLE_TRANSIT_TYPE[look.transitType ?? 'generic'];
  const areas: Record<string, AppleField[]> = {};
  for (const area of FIELD_AREAS) {
    if (templates[area].length > 0) areas[AREA_KEYS[area]] = templates[area].map((template) => renderField(template, values, holder));
  }

  if (input.message) {
    const taken = new Set(Object.values(areas).flatMap((list) => list.map((field) => field.key)));
    areas.backFields = [messageField(input.message, taken), ...(areas.backFields ?? [])];
  }

  const barcodeMessage = renderPlaceholders(look.barcode.message, values);
  const altText = look.barcode.altText === null ? '' : renderPlaceholders(look.barcode.altText, values);
  const pass: Record<string, unknown> = {
    formatVersion: 1,
    passTypeIdentifier: input.identity.passTypeIdentifier,
    teamIdentifier: input.identity.teamIdentifier,
    serialNumber: input.serialNumber,
    organizationName: input.organizationName,
    // A coupon pass names its offer (VoiceOver reads it); other passes name their kind.
    description: holder.couponTitle ? `${input.organizationName}: ${holder.couponTitle}` : `${input.organizationName} ${KIND_NOUN[look.kind]}`,
    logoText: input.organizationName,
    foregroundColor: appleColor(look.colors.foreground),
    backgroundColor: appleColor(look.colors.background),
    labelColor: appleColor(look.colors.label),
    barcodes: [{ format: look.barcode.format, message: barcodeMessage, messageEncoding: 'iso-8859-1', ...(altText ? { altText } : {}) }],
    [APPLE_STYLE_KEY[look.kind]]: { ...section, ...areas },
  };
  if (input.webService) {
    pass.webServiceURL = input.webService.url;
    pass.authenticationToken = input.webService.authenticationToken;
  }
  if (VOIDING.has(state.status)) pass.voided = true;
  if (state.expirationDate) pass.expirationDate = w3cDate(state.expirationDate);
  Object.assign(pass, relevanceKeys(input.content ?? {}, values));
  return pass;
}

/** What the placeholders of a holder's pass stand for. */
export function placeholderValues(holder: PassHolder, organizationName: string): PlaceholderValues {
  return {
    member_name: holder.memberName ?? '',
    member_id: holder.memberId,
    points: String(holder.points),
    tier: holder.tier,
    company_name: organizationName,
    balance: holder.balance ? formatMoney(holder.balance.minor, holder.balance.currency) : '',
    serial_number: holder.serialNumber ?? '',
    coupon_title: holder.couponTitle ?? '',
  };
}

/**
 * Apple's keys for the pass content (spec/API.md §8.5): locations, maxDistance, relevantDate,
 * beacons and nfc, with placeholders filled in. The NFC message is cut to Apple's 64 bytes
 * (Wallet would cut it anyway) so a long member name never makes the pass invalid.
 */
export function relevanceKeys(content: PassContent, values: PlaceholderValues): Record<string, unknown> {
  const keys: Record<string, unknown> = {};
  const text = (relevantText: string | undefined) => (relevantText === undefined ? {} : { relevantText: renderPlaceholders(relevantText, values) });
  if (content.locations?.length) {
    keys.locations = content.locations.map((l) => ({ latitude: l.latitude, longitude: l.longitude, ...(l.altitude !== undefined ? { altitude: l.altitude } : {}), ...text(l.relevant_text) }));
  }
  if (content.max_distance !== undefined) keys.maxDistance = content.max_distance;
  if (content.relevant_date !== undefined) {
    const date = w3cDate(new Date(content.relevant_date));
    // relevantDate for every iOS; iOS 18 reads relevantDates (its entry key renamed `date` in iOS 26).
    keys.relevantDate = date;
    keys.relevantDates = [{ date, relevantDate: date }];
  }
  if (content.beacons?.length) {
    keys.beacons = content.beacons.map((b) => ({
      proximityUUID: b.proximity_uuid,
      ...(b.major !== undefined ? { major: b.major } : {}),
      ...(b.minor !== undefined ? { minor: b.minor } : {}),
      ...text(b.relevant_text),
    }));
  }
  if (content.nfc) {
    const message = truncateUtf8(renderPlaceholders(content.nfc.message, values), MAX_NFC_MESSAGE_BYTES);
    if (message) keys.nfc = { message, encryptionPublicKey: content.nfc.encryption_public_key };
  }
  return keys;
}

/** At most `max` bytes of UTF-8, never splitting a character. */
export function truncateUtf8(text: string, max: number): string {
  if (Buffer.byteLength(text, 'utf8') <= max) return text;
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > max) break;
    out += char;
    bytes += size;
  }
  return out;
}

/** Adds a points field and a tier field where the style shows neither, without clashing keys. */
export function withPointsAndTier(fields: FieldTemplates): FieldTemplates {
  const result: FieldTemplates = { header: [...fields.header], primary: [...fields.primary], secondary: [...fields.secondary], auxiliary: [...fields.auxiliary], back: [...fields.back] };
  const all = () => FIELD_AREAS.flatMap((area) => result[area]);
  const missing: Array<{ placeholder: PassPlaceholder; key: string; label: string }> = [
    { placeholder: 'points', key: 'points', label: 'Points' },
    { placeholder: 'tier', key: 'tier', label: 'Tier' },
  ];
  for (const { placeholder, key, label } of missing) {
    if (all().some((template) => usesPlaceholder(template.value, placeholder))) continue;
    const keys = new Set(all().map((template) => template.key));
    let uniqueKey = key;
    for (let n = 2; keys.has(uniqueKey); n++) uniqueKey = `${key}_${n}`;
    const area = FALLBACK_AREAS.find((candidate) => result[candidate].length < AREA_CAPACITY[candidate]) ?? 'back';
    result[area] = area === 'back' ? [...result[area], { key: uniqueKey, label, value: `{${placeholder}}`, change_message: null }] : [{ key: uniqueKey, label, value: `{${placeholder}}`, change_message: null }, ...result[area]];
  }
  return result;
}

function renderField(template: FieldTemplate, values: PlaceholderValues, holder: PassHolder): AppleField {
  const label = template.label === null ? undefined : renderPlaceholders(template.label, values);
  const changeMessage = template.change_message ?? defaultChangeMessage(template, label);
  const base = { key: template.key, ...(label ? { label } : {}), ...(changeMessage ? { changeMessage } : {}) };
  const whole = template.value.trim();
  // A field that is just the points is a number, so Wallet formats it for the holder's locale;
  // just the balance is a number with Apple's currencyCode, which Wallet formats as money.
  if (whole === '{points}') return { ...base, value: holder.points };
  if (whole === '{balance}' && holder.balance) return { ...base, value: majorUnits(holder.balance.minor, holder.balance.currency), currencyCode: holder.balance.currency };
  return { ...base, value: renderPlaceholders(template.value, values) };
}

function defaultChangeMessage(template: FieldTemplate, label: string | undefined): string | undefined {
  const value = template.value.trim();
  if (value === '{points}') return 'You now have %@ points';
  if (value === '{tier}') return 'Your tier is now %@';
  if (value === '{balance}') return 'Your balance is now %@';
  if (usesPlaceholder(value, 'points') || usesPlaceholder(value, 'tier') || usesPlaceholder(value, 'balance')) return label ? `${label}: %@` : 'Your card now shows %@';
  return undefined;
}

/**
 * The holder's message as a back field. Its `changeMessage` of just `%@` is what makes
 * Wallet show the new text on the lock screen when this version arrives (Apple ignores the
 * push payload); the key stays the same across messages so each one reads as a change.
 */
function messageField(message: string, taken: ReadonlySet<string>): AppleField {
  let key = 'wp_message';
  for (let n = 2; taken.has(key); n++) key = `wp_message_${n}`;
  return { key, label: 'Message', value: message, changeMessage: '%@' };
}

/** ISO 8601 to the second, as Apple's examples write dates. */
function w3cDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
