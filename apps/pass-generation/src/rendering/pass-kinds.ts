import type { FieldError, PassKind, TransitType } from '@wp/contracts';
import { APPLE_STYLE_RULES, AppleImageRole, AppleStyleKey, AppleTransitType } from '@wp/pkpass';
import type { AppleAssetNames } from './pass-look';

/** The pass.json style key of each kind (spec/API.md §8.7). */
export const APPLE_STYLE_KEY: Record<PassKind, AppleStyleKey> = {
  store_card: 'storeCard',
  coupon: 'coupon',
  event_ticket: 'eventTicket',
  generic: 'generic',
  boarding_pass: 'boardingPass',
};

export const APPLE_TRANSIT_TYPE: Record<TransitType, AppleTransitType> = {
  air: 'PKTransitTypeAir',
  boat: 'PKTransitTypeBoat',
  bus: 'PKTransitTypeBus',
  train: 'PKTransitTypeTrain',
  generic: 'PKTransitTypeGeneric',
};

/** How pass.json's `description` names the pass (VoiceOver reads it). */
export const KIND_NOUN: Record<PassKind, string> = {
  store_card: 'loyalty card',
  coupon: 'coupon',
  event_ticket: 'event ticket',
  generic: 'pass',
  boarding_pass: 'boarding pass',
};

/**
 * The Apple images a pass of `kind` carries: those Wallet draws for its style, and for an
 * event ticket either the strip or the background and thumbnail (Wallet ignores the latter
 * two beside a strip). The built-in strip stands in only where a strip is shown.
 */
export function appleImageRoles(kind: PassKind, assets: AppleAssetNames): AppleImageRole[] {
  const roles = [...APPLE_STYLE_RULES[APPLE_STYLE_KEY[kind]].images];
  if (kind === 'event_ticket') return assets.background || assets.thumbnail ? roles.filter((role) => role !== 'strip') : roles.filter((role) => role === 'icon' || role === 'logo' || role === 'strip');
  return roles;
}

/**
 * What class-validator cannot say about a style's kind: a boarding pass names its transit
 * type and no other kind does, each kind takes only the images its Apple style shows, an
 * event ticket takes a strip or else a background and thumbnail, and the primary area holds
 * what Wallet has room for.
 */
export function kindProblems(kind: PassKind, transitType: TransitType | undefined, apple: AppleAssetNames, primaryFields: number): FieldError[] {
  const problems: FieldError[] = [];
  if (kind === 'boarding_pass' && !transitType) problems.push({ field: 'transit_type', message: 'is required for a boarding_pass (air, boat, bus, train or generic)' });
  if (kind !== 'boarding_pass' && transitType) problems.push({ field: 'transit_type', message: 'is only for kind boarding_pass' });
  const rule = APPLE_STYLE_RULES[APPLE_STYLE_KEY[kind]];
  for (const role of ['strip', 'thumbnail', 'background', 'footer'] as const) {
    if (apple[role] && !rule.images.includes(role)) problems.push({ field: `assets.apple.${role}`, message: `a ${kind} shows no ${role} image (it takes ${rule.images.join(', ')})` });
  }
  if (kind === 'event_ticket' && apple.strip && (apple.background || apple.thumbnail)) {
    problems.push({ field: 'assets.apple.strip', message: 'an event_ticket shows a strip or else a background and thumbnail, not both: Wallet ignores the background and thumbnail beside a strip' });
  }
  if (primaryFields > rule.maxPrimaryFields && kind !== 'store_card') {
    // Store cards keep accepting two, as they always have (Wallet shows the first).
    problems.push({ field: 'primary_fields', message: `a ${kind} shows at most ${rule.maxPrimaryFields} primary field${rule.maxPrimaryFields > 1 ? 's' : ''}` });
  }
  return problems;
}
