import type { BarcodeFormat, PassKind, TransitType } from '@wp/contracts';
import { Rgb } from './brand-color.normalizer';
import type { PassContent } from './pass-content';

export const FIELD_AREAS = ['header', 'primary', 'secondary', 'auxiliary', 'back'] as const;
export type FieldArea = (typeof FIELD_AREAS)[number];

/** A field as a style defines it: text with placeholders, rendered per member. */
export interface FieldTemplate {
  key: string;
  label: string | null;
  value: string;
  change_message: string | null;
}

export type FieldTemplates = Record<FieldArea, FieldTemplate[]>;

export interface AppleAssetNames {
  icon?: string;
  logo?: string;
  strip?: string;
  thumbnail?: string;
  background?: string;
  footer?: string;
}

export interface GoogleAssetNames {
  logo?: string;
  hero?: string;
}

/** Everything about how a pass looks, whether it comes from a tenant's style or the built-in one. */
export interface PassLook {
  /** The tenant style this look comes from; null for the built-in look. */
  styleId: string | null;
  /** Which Apple style key and Google object type the pass is (spec/API.md §8.7). */
  kind: PassKind;
  /** Boarding passes only. */
  transitType: TransitType | null;
  colors: { foreground: Rgb; background: Rgb; label: Rgb };
  barcode: { format: BarcodeFormat; message: string; altText: string | null };
  fields: FieldTemplates;
  assets: { apple: AppleAssetNames; google: GoogleAssetNames };
  /** Relevance, translations and NFC the style sets (a pass's own values go over these). */
  content: PassContent;
}

export const DEFAULT_COLORS = {
  foreground: { r: 255, g: 255, b: 255 },
  background: { r: 67, g: 56, b: 202 },
  label: { r: 199, g: 210, b: 254 },
} as const satisfies PassLook['colors'];

export const DEFAULT_BARCODE = { format: 'PKBarcodeFormatQR', message: '{member_id}', altText: '{member_id}' } as const satisfies PassLook['barcode'];

const field = (key: string, label: string, value: string): FieldTemplate => ({ key, label, value, change_message: null });

/** The card a style without fields gets: tier, points, who holds it, and the programme. */
export const DEFAULT_FIELDS: FieldTemplates = {
  header: [field('tier', 'Tier', '{tier}')],
  primary: [field('points', 'Points', '{points}')],
  secondary: [field('member', 'Member', '{member_name}')],
  auxiliary: [field('member_id', 'Member ID', '{member_id}')],
  back: [field('programme', 'Programme', '{company_name} loyalty programme')],
};

export const BUILT_IN_LOOK: PassLook = {
  styleId: null,
  kind: 'store_card',
  transitType: null,
  colors: DEFAULT_COLORS,
  barcode: DEFAULT_BARCODE,
  fields: DEFAULT_FIELDS,
  assets: { apple: {}, google: {} },
  content: {},
};

export function hasAnyField(fields: FieldTemplates): boolean {
  return FIELD_AREAS.some((area) => fields[area].length > 0);
}

/**
 * The look of a coupon pass whose coupon names no style: the offer up front, the holder
 * below, and the serial number in the barcode, so a till scanning it finds this very pass
 * (a member's cards all show the member id).
 */
export const BUILT_IN_COUPON_LOOK: PassLook = {
  ...BUILT_IN_LOOK,
  kind: 'coupon',
  barcode: { format: 'PKBarcodeFormatQR', message: '{serial_number}', altText: null },
  fields: {
    header: [],
    primary: [field('offer', 'Offer', '{coupon_title}')],
    secondary: [field('member', 'Member', '{member_name}')],
    auxiliary: [],
    back: [field('issuer', 'Issued by', '{company_name}')],
  },
};

/** Whether any text of a look shows the stored value (then the tenant's currency is needed to render it). */
export function lookShowsBalance(look: PassLook): boolean {
  const texts = [look.barcode.message, look.barcode.altText ?? '', ...FIELD_AREAS.flatMap((area) => look.fields[area].flatMap((f) => [f.value, f.label ?? '']))];
  return texts.some((text) => text.includes('{balance}'));
}
