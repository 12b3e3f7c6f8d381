/**
 * Apple's per-style rules for pass.json (Wallet Developer Guide, "Pass Design and Creation"):
 * which images each style shows, how many primary fields it has room for, and the transit
 * types of a boarding pass. The platform renders by them and the pass doctor checks by them,
 * so both read this one table.
 */
export type AppleStyleKey = 'boardingPass' | 'coupon' | 'eventTicket' | 'generic' | 'storeCard';

export const APPLE_TRANSIT_TYPES = ['PKTransitTypeAir', 'PKTransitTypeBoat', 'PKTransitTypeBus', 'PKTransitTypeGeneric', 'PKTransitTypeTrain'] as const;
export type AppleTransitType = (typeof APPLE_TRANSIT_TYPES)[number];

export type AppleImageRole = 'icon' | 'logo' | 'strip' | 'thumbnail' | 'background' | 'footer';

export interface AppleStyleRule {
  /** Images Wallet draws for this style; others in the bundle are ignored. */
  images: readonly AppleImageRole[];
  /** Primary fields Wallet has room for. */
  maxPrimaryFields: number;
}

export const APPLE_STYLE_RULES: Record<AppleStyleKey, AppleStyleRule> = {
  boardingPass: { images: ['icon', 'logo', 'footer'], maxPrimaryFields: 2 },
  coupon: { images: ['icon', 'logo', 'strip'], maxPrimaryFields: 1 },
  // An event ticket shows a strip, or else a background and a thumbnail: with a strip the other two are ignored.
  eventTicket: { images: ['icon', 'logo', 'strip', 'background', 'thumbnail'], maxPrimaryFields: 1 },
  generic: { images: ['icon', 'logo', 'thumbnail'], maxPrimaryFields: 1 },
  storeCard: { images: ['icon', 'logo', 'strip'], maxPrimaryFields: 1 },
};

/** The image roles of a bundle that Wallet will not draw for `style` (given the roles present). */
export function unusedImageRoles(style: AppleStyleKey, present: ReadonlySet<string>): Array<{ role: string; reason: string }> {
  const unused: Array<{ role: string; reason: string }> = [];
  for (const role of present) {
    if (!isImageRole(role)) continue;
    if (!APPLE_STYLE_RULES[style].images.includes(role)) {
      unused.push({ role, reason: `a ${style} shows only ${APPLE_STYLE_RULES[style].images.join(', ')}` });
    } else if (style === 'eventTicket' && present.has('strip') && (role === 'background' || role === 'thumbnail')) {
      unused.push({ role, reason: 'an eventTicket with a strip image shows neither background nor thumbnail' });
    }
  }
  return unused;
}

function isImageRole(role: string): role is AppleImageRole {
  return ['icon', 'logo', 'strip', 'thumbnail', 'background', 'footer'].includes(role);
}
