// What the pass front looks like for a style, computed without the DOM so it can be tested
// and so the preview never disagrees with itself: the component only draws this model.

export interface SampleMember {
  member_name: string;
  member_id: string;
  points: number;
  tier: string;
  company_name: string;
}

export interface PreviewField {
  key: string;
  label?: string | null;
  value: string;
}

export interface PreviewStyle {
  brand_colors?: { foreground_color?: string; background_color?: string; label_color?: string };
  barcode?: { format?: string; message?: string; alt_text?: string | null };
  header_fields?: PreviewField[];
  primary_fields?: PreviewField[];
  secondary_fields?: PreviewField[];
  auxiliary_fields?: PreviewField[];
  /** Object URLs or data: URLs of the uploaded images, when the style names them. */
  logo_url?: string | null;
  strip_url?: string | null;
}

export interface PreviewModel {
  background: string;
  foreground: string;
  label: string;
  logoUrl: string | null;
  stripUrl: string | null;
  header: Array<{ key: string; label: string; value: string }>;
  primary: Array<{ key: string; label: string; value: string }>;
  secondary: Array<{ key: string; label: string; value: string }>;
  auxiliary: Array<{ key: string; label: string; value: string }>;
  barcode: { format: BarcodeKind; message: string; altText: string | null } | null;
}

export const SAMPLE_MEMBER: SampleMember = { member_name: 'Alex Sample', member_id: 'M-000123', points: 156, tier: 'Gold', company_name: 'Your company' };

/** The defaults the fleet uses when a style leaves a colour out (Apple's own). */
const DEFAULTS = { background: 'rgb(255, 255, 255)', foreground: 'rgb(0, 0, 0)', label: 'rgb(0, 0, 0)' };
const PLACEHOLDER = /\{(member_name|member_id|points|tier|company_name)\}/g;

/** Fills the contract's placeholders from a member; unknown braces stay as typed. */
export function fillPlaceholders(text: string, member: SampleMember): string {
  return text.replace(PLACEHOLDER, (_, name: keyof SampleMember) => String(member[name]));
}

/** `#RRGGBB` or `rgb(r,g,b)` → `rgb(r, g, b)` (as a browser reports it); null when invalid. */
export function toCssColour(value: string | undefined): string | null {
  if (!value) return null;
  const hex = /^#([0-9A-Fa-f]{2})([0-9A-Fa-f]{2})([0-9A-Fa-f]{2})$/.exec(value.trim());
  if (hex) return `rgb(${parseInt(hex[1], 16)}, ${parseInt(hex[2], 16)}, ${parseInt(hex[3], 16)})`;
  const rgb = /^rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)$/.exec(value.trim());
  if (rgb && rgb.slice(1).every((n) => Number(n) <= 255)) return `rgb(${Number(rgb[1])}, ${Number(rgb[2])}, ${Number(rgb[3])})`;
  return null;
}

/** `rgb(r, g, b)` → `#rrggbb`, for an `<input type="color">` beside the text box. */
export function toHex(value: string | undefined): string {
  const css = toCssColour(value);
  if (!css) return '#000000';
  const [r, g, b] = css.match(/\d+/g)!.map(Number);
  return `#${[r, g, b].map((n) => n.toString(16).padStart(2, '0')).join('')}`;
}

type BarcodeKind = 'QR' | 'PDF417' | 'Aztec' | 'Code128';
const BARCODES: Record<string, BarcodeKind> = {
  PKBarcodeFormatQR: 'QR',
  PKBarcodeFormatPDF417: 'PDF417',
  PKBarcodeFormatAztec: 'Aztec',
  PKBarcodeFormatCode128: 'Code128',
};

function fields(list: PreviewField[] | undefined, member: SampleMember) {
  return (list ?? [])
    .filter((f) => f.key || f.value)
    .map((f) => ({ key: f.key, label: fillPlaceholders(f.label ?? '', member), value: fillPlaceholders(f.value, member) }));
}

/** The pass front for `style`, as the sample member would see it. */
export function previewModel(style: PreviewStyle, member: SampleMember = SAMPLE_MEMBER): PreviewModel {
  const colours = style.brand_colors ?? {};
  const format = style.barcode?.format ? BARCODES[style.barcode.format] : undefined;
  return {
    background: toCssColour(colours.background_color) ?? DEFAULTS.background,
    foreground: toCssColour(colours.foreground_color) ?? DEFAULTS.foreground,
    label: toCssColour(colours.label_color) ?? DEFAULTS.label,
    logoUrl: style.logo_url ?? null,
    stripUrl: style.strip_url ?? null,
    header: fields(style.header_fields, member),
    primary: fields(style.primary_fields, member),
    secondary: fields(style.secondary_fields, member),
    auxiliary: fields(style.auxiliary_fields, member),
    // The fleet's default barcode message is the member id.
    barcode: format ? { format, message: fillPlaceholders(style.barcode?.message || '{member_id}', member), altText: style.barcode?.alt_text ? fillPlaceholders(style.barcode.alt_text, member) : null } : null,
  };
}
