import type { PassKind } from '@wp/contracts';
import { parseBrandColor } from '../rendering/brand-color.normalizer';
import { BUILT_IN_COUPON_LOOK, BUILT_IN_LOOK, DEFAULT_COLORS, PassLook } from '../rendering/pass-look';
import type { PassStyle } from './pass-style.entity';

/** How passes of `style` look; the built-in look when there is no style. */
export function lookOfStyle(style: PassStyle | null): PassLook {
  if (!style) return BUILT_IN_LOOK;
  return {
    styleId: style.id,
    kind: style.kind ?? 'store_card',
    transitType: style.transitType ?? null,
    colors: {
      foreground: parseBrandColor(style.brandColors.foreground_color) ?? DEFAULT_COLORS.foreground,
      background: parseBrandColor(style.brandColors.background_color) ?? DEFAULT_COLORS.background,
      label: parseBrandColor(style.brandColors.label_color) ?? DEFAULT_COLORS.label,
    },
    barcode: { format: style.barcode.format, message: style.barcode.message, altText: style.barcode.alt_text },
    fields: style.fields,
    assets: { apple: style.assets.apple ?? {}, google: style.assets.google ?? {} },
    content: style.content ?? {},
  };
}

/**
 * How one pass looks: its style's look, else the built-in one of its kind (coupon or card),
 * always with the pass's own kind. A pass keeps the kind it was created as whatever style it
 * shows now, and a coupon pass (`couponId` set) is a coupon (spec/API.md §8.7).
 */
export function lookOfPass(pass: { couponId: string | null; kind?: PassKind | null }, style: PassStyle | null): PassLook {
  const look = !style && pass.couponId ? BUILT_IN_COUPON_LOOK : lookOfStyle(style);
  const kind: PassKind = pass.couponId ? 'coupon' : (pass.kind ?? look.kind);
  return kind === look.kind ? look : { ...look, kind, transitType: kind === 'boarding_pass' ? look.transitType : null };
}
