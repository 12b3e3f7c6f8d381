import type { PreviewStyle } from './preview';

// The style editor's form and the API's PassStyleDto/PassStyleView, converted both ways.

export interface FieldRow {
  key: string;
  label: string;
  value: string;
}

export const PASS_KINDS = [
  ['store_card', 'Store card'],
  ['coupon', 'Coupon'],
  ['event_ticket', 'Event ticket'],
  ['generic', 'Generic'],
  ['boarding_pass', 'Boarding pass'],
] as const;
export const TRANSIT_TYPES = ['air', 'boat', 'bus', 'train', 'generic'] as const;
export type PassKind = (typeof PASS_KINDS)[number][0];
export type TransitType = (typeof TRANSIT_TYPES)[number];

export interface StyleForm {
  name: string;
  is_default: boolean;
  kind: PassKind;
  /** Only sent for boarding passes (the API refuses it for other kinds). */
  transit_type: TransitType;
  background_color: string;
  foreground_color: string;
  label_color: string;
  logo: string;
  strip: string;
  barcode_format: '' | 'PKBarcodeFormatQR' | 'PKBarcodeFormatPDF417' | 'PKBarcodeFormatAztec' | 'PKBarcodeFormatCode128';
  barcode_message: string;
  header_fields: FieldRow[];
  primary_fields: FieldRow[];
  secondary_fields: FieldRow[];
  auxiliary_fields: FieldRow[];
}

export const FIELD_GROUPS = [
  ['header_fields', 'Header', 1],
  ['primary_fields', 'Primary', 1],
  ['secondary_fields', 'Secondary', 2],
  ['auxiliary_fields', 'Auxiliary', 2],
] as const;

/** API error paths that belong to one of the form's fields. */
export const STYLE_ERROR_ALIAS: Record<string, string> = {
  'brand_colors.background_color': 'background_color',
  'brand_colors.foreground_color': 'foreground_color',
  'brand_colors.label_color': 'label_color',
  'assets.apple.logo': 'logo',
  'assets.apple.strip': 'strip',
  'barcode.format': 'barcode_format',
  'barcode.message': 'barcode_message',
};

const rows = (n: number, given: Array<{ key: string; label?: string | null; value: string }> = []): FieldRow[] =>
  Array.from({ length: Math.max(n, given.length) }, (_, i) => ({ key: given[i]?.key ?? '', label: given[i]?.label ?? '', value: given[i]?.value ?? '' }));

export function emptyStyleForm(): StyleForm {
  return {
    name: '',
    is_default: false,
    kind: 'store_card',
    transit_type: 'air',
    background_color: '#1F3A5F',
    foreground_color: '#FFFFFF',
    label_color: '#FFD27F',
    logo: '',
    strip: '',
    barcode_format: 'PKBarcodeFormatQR',
    barcode_message: '',
    header_fields: [{ key: 'points', label: 'Points', value: '{points}' }],
    primary_fields: [{ key: 'name', label: 'Member', value: '{member_name}' }],
    secondary_fields: rows(2, [{ key: 'tier', label: 'Tier', value: '{tier}' }]),
    auxiliary_fields: rows(2),
  };
}

export interface StyleViewLike {
  name: string;
  is_default: boolean;
  kind?: PassKind;
  transit_type?: TransitType | null;
  brand_colors: { background_color: string; foreground_color: string; label_color: string };
  assets: { apple: Record<string, unknown> };
  barcode: { format: StyleForm['barcode_format'] | string; message: string };
  header_fields: Array<{ key: string; label: string | null; value: string }>;
  primary_fields: Array<{ key: string; label: string | null; value: string }>;
  secondary_fields: Array<{ key: string; label: string | null; value: string }>;
  auxiliary_fields: Array<{ key: string; label: string | null; value: string }>;
}

export function styleFormFromView(view: StyleViewLike): StyleForm {
  const asset = (name: string) => (typeof view.assets.apple[name] === 'string' ? (view.assets.apple[name] as string) : '');
  return {
    name: view.name,
    is_default: view.is_default,
    kind: view.kind ?? 'store_card',
    transit_type: view.transit_type ?? 'air',
    ...view.brand_colors,
    logo: asset('logo'),
    strip: asset('strip'),
    barcode_format: (view.barcode?.format as StyleForm['barcode_format']) ?? '',
    barcode_message: view.barcode?.message ?? '',
    header_fields: rows(1, view.header_fields),
    primary_fields: rows(1, view.primary_fields),
    secondary_fields: rows(2, view.secondary_fields),
    auxiliary_fields: rows(2, view.auxiliary_fields),
  };
}

/** Rows with neither a key nor a value are blank slots in the form, not fields. */
function used(list: FieldRow[]) {
  return list
    .filter((f) => f.key.trim() || f.value.trim())
    .map((f) => ({ key: f.key.trim(), value: f.value, ...(f.label.trim() ? { label: f.label } : {}) }));
}

export function styleDtoFromForm(form: StyleForm) {
  return {
    name: form.name,
    is_default: form.is_default,
    kind: form.kind,
    ...(form.kind === 'boarding_pass' ? { transit_type: form.transit_type } : {}),
    brand_colors: { background_color: form.background_color, foreground_color: form.foreground_color, label_color: form.label_color },
    assets: { apple: { ...(form.logo ? { logo: form.logo } : {}), ...(form.strip ? { strip: form.strip } : {}) } },
    ...(form.barcode_format ? { barcode: { format: form.barcode_format, ...(form.barcode_message ? { message: form.barcode_message } : {}) } } : {}),
    header_fields: used(form.header_fields),
    primary_fields: used(form.primary_fields),
    secondary_fields: used(form.secondary_fields),
    auxiliary_fields: used(form.auxiliary_fields),
  };
}

/** The preview's input for the form as it stands, with image URLs for the chosen assets. */
export function previewStyleFromForm(form: StyleForm, imageUrl: (filename: string) => string | null): PreviewStyle {
  return {
    brand_colors: { background_color: form.background_color, foreground_color: form.foreground_color, label_color: form.label_color },
    barcode: form.barcode_format ? { format: form.barcode_format, message: form.barcode_message } : undefined,
    header_fields: form.header_fields,
    primary_fields: form.primary_fields,
    secondary_fields: form.secondary_fields,
    auxiliary_fields: form.auxiliary_fields,
    logo_url: form.logo ? imageUrl(form.logo) : null,
    strip_url: form.strip ? imageUrl(form.strip) : null,
  };
}
