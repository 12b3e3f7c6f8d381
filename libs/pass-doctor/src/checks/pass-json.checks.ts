import { isIP } from 'node:net';
import { Problem, problem } from '../problems';

export type PassJson = Record<string, unknown>;

const FILE = 'pass.json';
const REQUIRED_STRINGS = ['passTypeIdentifier', 'serialNumber', 'teamIdentifier', 'organizationName', 'description'] as const;
const STYLES = ['boardingPass', 'coupon', 'eventTicket', 'generic', 'storeCard'] as const;
const COLOR_KEYS = ['backgroundColor', 'foregroundColor', 'labelColor', 'stripColor'] as const;
// Wallet parses colours only in this CSS form; hex or names are silently ignored.
const RGB = /^rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)$/;
const BARCODE_FORMATS = new Set(['PKBarcodeFormatQR', 'PKBarcodeFormatPDF417', 'PKBarcodeFormatAztec', 'PKBarcodeFormatCode128']);
export const MIN_AUTHENTICATION_TOKEN = 16;

/** Parses pass.json; a problem instead when it is absent or not a JSON object. */
export function parsePassJson(bytes: Buffer | undefined): { pass?: PassJson; problems: Problem[] } {
  if (!bytes) {
    return { problems: [problem('missing_pass_json', 'The bundle has no pass.json at its top level. Zip the contents of the pass folder, not the folder itself.', FILE)] };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    return { problems: [problem('invalid_pass_json', `pass.json is not valid JSON (${(error as Error).message}). Fix the syntax, e.g. trailing commas or unquoted keys.`, FILE)] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { problems: [problem('invalid_pass_json', 'pass.json must be a JSON object ({ ... }) with the pass keys.', FILE)] };
  }
  return { pass: parsed as PassJson, problems: [] };
}

/** Apple's required keys, colours, barcodes and the web service settings. */
export function checkPassJson(pass: PassJson): Problem[] {
  const problems: Problem[] = [];
  if (pass.formatVersion !== 1) {
    problems.push(problem('missing_required_key', 'pass.json needs "formatVersion": 1 (the number, not a string).', FILE));
  }
  for (const key of REQUIRED_STRINGS) {
    const value = pass[key];
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push(problem('missing_required_key', `pass.json needs "${key}" as a non-empty string.`, FILE));
    }
  }
  const styles = STYLES.filter((style) => pass[style] !== undefined);
  if (styles.length !== 1) {
    const found = styles.length ? `it has ${styles.join(' and ')}` : 'it has none';
    problems.push(problem('missing_required_key', `pass.json needs exactly one style key (${STYLES.join(', ')}); ${found}.`, FILE));
  }
  for (const key of COLOR_KEYS) {
    if (pass[key] !== undefined && !isRgb(pass[key])) {
      problems.push(problem('invalid_color', `"${key}" is ${JSON.stringify(pass[key])}; Wallet only reads "rgb(r, g, b)" with 0-255 values and ignores anything else.`, FILE));
    }
  }
  problems.push(...checkBarcodes(pass));
  problems.push(...checkWebService(pass));
  return problems;
}

function isRgb(value: unknown): boolean {
  const match = typeof value === 'string' ? RGB.exec(value) : null;
  return match !== null && match.slice(1).every((part) => Number(part) <= 255);
}

function checkBarcodes(pass: PassJson): Problem[] {
  const problems: Problem[] = [];
  const entries: Array<[string, unknown]> = [];
  if (pass.barcodes !== undefined) {
    if (!Array.isArray(pass.barcodes)) {
      problems.push(problem('invalid_barcode', '"barcodes" must be an array of barcode dictionaries.', FILE));
    } else {
      pass.barcodes.forEach((barcode, index) => entries.push([`barcodes[${index}]`, barcode]));
    }
  }
  if (pass.barcode !== undefined) entries.push(['barcode', pass.barcode]);
  for (const [where, barcode] of entries) {
    const b = (typeof barcode === 'object' && barcode !== null ? barcode : {}) as Record<string, unknown>;
    const wrong: string[] = [];
    if (typeof b.format !== 'string' || !BARCODE_FORMATS.has(b.format)) wrong.push(`"format" must be one of ${[...BARCODE_FORMATS].join(', ')}`);
    if (typeof b.message !== 'string' || b.message === '') wrong.push('"message" must be a non-empty string');
    if (typeof b.messageEncoding !== 'string' || b.messageEncoding === '') wrong.push('"messageEncoding" is required (usually "iso-8859-1")');
    if (wrong.length) problems.push(problem('invalid_barcode', `${where}: ${wrong.join('; ')}.`, FILE));
  }
  return problems;
}

function checkWebService(pass: PassJson): Problem[] {
  if (pass.webServiceURL === undefined) return [];
  const problems: Problem[] = [];
  let url: URL | undefined;
  try {
    url = new URL(String(pass.webServiceURL));
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:') {
    // Wallet allows plain http only for loopback hosts, and only on a development device.
    const loopback = url !== undefined && isLoopback(url.hostname);
    problems.push(
      problem(
        'web_service_url_not_https',
        loopback
          ? `webServiceURL ${String(pass.webServiceURL)} is plain http on a loopback host: fine for development, but a device will not register it in production. Use https.`
          : `webServiceURL ${String(pass.webServiceURL)} is not an https URL; Wallet never registers the pass, so it will not update. Serve the web service over https.`,
        FILE,
        loopback ? 'warning' : 'error',
      ),
    );
  }
  const token = pass.authenticationToken;
  if (typeof token !== 'string' || token.length < MIN_AUTHENTICATION_TOKEN) {
    problems.push(
      problem('authentication_token_too_short', `pass.json has webServiceURL, so it needs an "authenticationToken" of at least ${MIN_AUTHENTICATION_TOKEN} characters; without it Wallet ignores the web service.`, FILE),
    );
  }
  return problems;
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}
