import type { PassFieldView, PassStyleView } from '@wp/contracts';
import { appleColor, googleColor } from '../rendering/brand-color.normalizer';
import type { PassContent } from '../rendering/pass-content';
import type { FieldTemplate } from '../rendering/pass-look';
import type { PassStyle } from './pass-style.entity';
import { lookOfStyle } from './style-look';

const field = (template: FieldTemplate): PassFieldView => ({ ...template });

/**
 * Assets the style names that the tenant has not uploaded (the style still
 * saves, the built-in image stands in, and each such name is listed).
 */
export function missingAssetWarnings(style: Pick<PassStyle, 'assets'>, uploaded: ReadonlySet<string>): string[] {
  const warnings: string[] = [];
  const check = (wallet: 'apple' | 'google', role: string, name: string | undefined, fallback: string) => {
    if (name && !uploaded.has(name)) warnings.push(`assets.${wallet}.${role}: ${name} has not been uploaded; ${fallback} until it is`);
  };
  const { apple = {}, google = {} } = style.assets;
  check('apple', 'icon', apple.icon, 'the built-in icon is used');
  check('apple', 'logo', apple.logo, 'the built-in logo is used');
  check('apple', 'strip', apple.strip, 'the built-in strip is used');
  check('apple', 'thumbnail', apple.thumbnail, 'the pass shows no thumbnail');
  check('apple', 'background', apple.background, 'the pass shows no background image');
  check('apple', 'footer', apple.footer, 'the pass shows no footer image');
  check('google', 'logo', google.logo, 'the built-in logo is used');
  check('google', 'hero', google.hero, 'Google passes show no hero image');
  return warnings;
}

/** Every filename a style names. */
export function namedAssets(style: Pick<PassStyle, 'assets'>): string[] {
  const { apple = {}, google = {} } = style.assets;
  return [...new Set([...Object.values(apple), ...Object.values(google)].filter((name): name is string => typeof name === 'string'))];
}

/** A style's relevance, translations and NFC, every key present (empty or null when not set). */
export function contentView(content: PassContent): Pick<PassStyleView, 'locations' | 'max_distance' | 'relevant_date' | 'beacons' | 'localizations' | 'nfc'> {
  return {
    locations: (content.locations ?? []).map((location) => ({ ...location })),
    max_distance: content.max_distance ?? null,
    relevant_date: content.relevant_date ?? null,
    beacons: (content.beacons ?? []).map((beacon) => ({ ...beacon })),
    localizations: structuredClone(content.localizations ?? {}),
    nfc: content.nfc ? { ...content.nfc } : null,
  };
}

export function passStyleView(style: PassStyle, uploaded: ReadonlySet<string>): PassStyleView {
  const look = lookOfStyle(style);
  return {
    id: style.id,
    name: style.name,
    is_default: style.isDefault,
    kind: style.kind ?? 'store_card',
    transit_type: style.transitType ?? null,
    brand_colors: { ...style.brandColors },
    wallet_colors: {
      apple: {
        foreground_color: appleColor(look.colors.foreground),
        background_color: appleColor(look.colors.background),
        label_color: appleColor(look.colors.label),
      },
      google: { background_color: googleColor(look.colors.background) },
    },
    assets: { apple: { ...style.assets.apple }, google: { ...style.assets.google } },
    barcode: { ...style.barcode },
    extend_on_scan_days: style.extendOnScanDays ?? null,
    header_fields: style.fields.header.map(field),
    primary_fields: style.fields.primary.map(field),
    secondary_fields: style.fields.secondary.map(field),
    auxiliary_fields: style.fields.auxiliary.map(field),
    back_fields: style.fields.back.map(field),
    ...contentView(style.content ?? {}),
    warnings: missingAssetWarnings(style, uploaded),
    created_at: style.createdAt.toISOString(),
    updated_at: style.updatedAt.toISOString(),
  };
}
