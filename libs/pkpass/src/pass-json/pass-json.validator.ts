import { createRequire } from 'node:module';
import path from 'node:path';
import { APPLE_TRANSIT_TYPES } from './pass-style.rules';

export type PassJsonValidation = { ok: true } | { ok: false; errors: string[] };

interface JoiIssue {
  message: string;
}
interface JoiLikeSchema {
  validate(value: unknown, options: Record<string, unknown>): { error?: { details: JoiIssue[] } };
  append(keys: Record<string, unknown>): JoiLikeSchema;
}
interface PasskitSchemas {
  PassProps: JoiLikeSchema;
  Barcode: unknown;
}

export const PASS_STYLES = ['boardingPass', 'coupon', 'eventTicket', 'generic', 'storeCard'] as const;
const REQUIRED_STRINGS = ['passTypeIdentifier', 'serialNumber', 'teamIdentifier', 'organizationName', 'description'] as const;
const FIELD_GROUPS = [
  'headerFields',
  'primaryFields',
  'secondaryFields',
  'auxiliaryFields',
  'backFields',
  'additionalInfoFields',
  'footerFields',
] as const;
// passkit-generator's regex for these is unanchored ("PKBarcodeFormatQRx" passes); Wallet
// wants the exact constant.
const BARCODE_FORMATS = new Set([
  'PKBarcodeFormatQR',
  'PKBarcodeFormatPDF417',
  'PKBarcodeFormatAztec',
  'PKBarcodeFormatCode128',
  'PKBarcodeFormatCode39',
  'PKBarcodeFormatCodabar',
  'PKBarcodeFormatEAN13',
  'PKBarcodeFormatI2of5',
]);
const MAX_LOCATIONS = 10;
const MAX_BEACONS = 10;
const MIN_AUTH_TOKEN = 16;

let schema: JoiLikeSchema | undefined;

/**
 * passkit-generator is the reference for the pass model, but 3.6.1 exports only PKPass and
 * PassType: its Joi schemas sit behind the package's `exports` map. Requiring the schema
 * module by absolute path (next to the resolved CJS entry) reuses them as they ship.
 */
function passPropsSchema(): JoiLikeSchema {
  if (!schema) {
    const load = createRequire(__filename);
    const entry = load.resolve('passkit-generator');
    const schemas = load(path.join(path.dirname(entry), 'schemas', 'index.js')) as PasskitSchemas;
    // The singular `barcode` is deprecated but still part of Apple's format (pre-iOS 9 devices).
    schema = schemas.PassProps.append({ barcode: schemas.Barcode });
  }
  return schema;
}

/**
 * Checks a pass.json against passkit-generator's model (unknown keys are errors here:
 * passkit-generator would silently drop them) plus what Apple requires of every pass.
 */
export function validatePassJson(passJson: object): PassJsonValidation {
  if (typeof passJson !== 'object' || passJson === null || Array.isArray(passJson)) {
    return { ok: false, errors: ['pass.json must be a JSON object'] };
  }
  const pass = passJson as Record<string, unknown>;
  const errors: string[] = [];

  const result = passPropsSchema().validate(pass, { abortEarly: false, convert: false, allowUnknown: false });
  for (const issue of result.error?.details ?? []) errors.push(issue.message);

  if (pass.formatVersion !== 1) errors.push('formatVersion must be 1');
  for (const key of REQUIRED_STRINGS) {
    const value = pass[key];
    if (typeof value !== 'string' || value.trim() === '') errors.push(`${key} is required and must be a non-empty string`);
  }
  if (typeof pass.passTypeIdentifier === 'string' && !pass.passTypeIdentifier.startsWith('pass.')) {
    errors.push('passTypeIdentifier must start with "pass."');
  }
  if (pass.webServiceURL !== undefined) {
    const token = pass.authenticationToken;
    if (typeof token !== 'string' || token.length < MIN_AUTH_TOKEN) {
      errors.push(`authenticationToken of at least ${MIN_AUTH_TOKEN} characters is required when webServiceURL is set`);
    }
  }

  const styles = PASS_STYLES.filter((style) => pass[style] !== undefined);
  if (styles.length !== 1) {
    errors.push(`exactly one pass style is required (${PASS_STYLES.join(', ')}); found ${styles.length ? styles.join(', ') : 'none'}`);
  }
  for (const style of styles) {
    const section = pass[style];
    if (typeof section !== 'object' || section === null) continue;
    const transitType = (section as Record<string, unknown>).transitType;
    if (style === 'boardingPass' && transitType === undefined) errors.push('boardingPass requires transitType');
    if (style === 'boardingPass' && transitType !== undefined && !(APPLE_TRANSIT_TYPES as readonly unknown[]).includes(transitType)) {
      errors.push(`boardingPass transitType must be one of ${APPLE_TRANSIT_TYPES.join(', ')}`);
    }
    checkFields(style, section as Record<string, unknown>, errors);
  }

  const barcodes = [...(Array.isArray(pass.barcodes) ? pass.barcodes : []), ...(pass.barcode ? [pass.barcode] : [])];
  for (const barcode of barcodes as Array<{ format?: unknown }>) {
    if (typeof barcode?.format === 'string' && !BARCODE_FORMATS.has(barcode.format)) {
      errors.push(`barcode format ${barcode.format} is not one Wallet knows`);
    }
  }
  if (Array.isArray(pass.locations) && pass.locations.length > MAX_LOCATIONS) {
    errors.push(`locations may hold at most ${MAX_LOCATIONS} entries`);
  }
  if (Array.isArray(pass.beacons) && pass.beacons.length > MAX_BEACONS) {
    errors.push(`beacons may hold at most ${MAX_BEACONS} entries`);
  }
  return errors.length === 0 ? { ok: true } : { ok: false, errors: [...new Set(errors)] };
}

/**
 * Field keys must be unique across the whole pass (passkit-generator drops duplicates with
 * a console warning), and a changeMessage without `%@` never shows the new value.
 */
function checkFields(style: string, section: Record<string, unknown>, errors: string[]): void {
  const seen = new Set<string>();
  for (const group of FIELD_GROUPS) {
    const fields = section[group];
    if (!Array.isArray(fields)) continue;
    fields.forEach((field: unknown, index) => {
      if (typeof field !== 'object' || field === null) return;
      const { key, changeMessage } = field as { key?: unknown; changeMessage?: unknown };
      if (typeof key === 'string') {
        if (seen.has(key)) errors.push(`${style}.${group}[${index}]: field key "${key}" is used more than once`);
        seen.add(key);
      }
      if (typeof changeMessage === 'string' && !changeMessage.includes('%@')) {
        errors.push(`${style}.${group}[${index}]: changeMessage must contain %@`);
      }
    });
  }
}
