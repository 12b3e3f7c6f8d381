import { isP256PublicKey } from '@wp/contracts';
import { Problem, problem } from '../problems';
import type { PassJson } from './pass-json.checks';

const FILE = 'pass.json';
// Apple: "up to 10 locations" and "up to 10 beacons"; Wallet ignores a pass's relevance past them.
const MAX_LOCATIONS = 10;
const MAX_BEACONS = 10;
const MAX_NFC_MESSAGE_BYTES = 64;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** locations, beacons, maxDistance, relevantDate and nfc, as Apple documents them. */
export function checkRelevance(pass: PassJson): Problem[] {
  return [...checkLocations(pass), ...checkBeacons(pass), ...checkDates(pass), ...checkNfc(pass)];
}

/** The dictionaries of a relevance array, each with where it sits; problems for the array itself. */
function listed(pass: PassJson, key: 'locations' | 'beacons', max: number): { items: Array<[string, Record<string, unknown>]>; problems: Problem[] } {
  const value = pass[key];
  const [tooMany, invalid] = key === 'locations' ? (['too_many_locations', 'invalid_location'] as const) : (['too_many_beacons', 'invalid_beacon'] as const);
  if (value === undefined) return { items: [], problems: [] };
  if (!Array.isArray(value)) return { items: [], problems: [problem(invalid, `"${key}" must be an array of dictionaries.`, FILE)] };
  const problems = value.length > max ? [problem(tooMany, `"${key}" has ${value.length} entries; Wallet uses at most ${max}. Keep the ${max} that matter most (the nearest stores, say).`, FILE)] : [];
  const items = value.map((entry, i): [string, Record<string, unknown>] => [`${key}[${i}]`, typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {}]);
  return { items, problems };
}

function checkLocations(pass: PassJson): Problem[] {
  const { items, problems } = listed(pass, 'locations', MAX_LOCATIONS);
  for (const [where, location] of items) {
    const wrong: string[] = [];
    if (!inRange(location.latitude, 90)) wrong.push('"latitude" must be a number from -90 to 90');
    if (!inRange(location.longitude, 180)) wrong.push('"longitude" must be a number from -180 to 180');
    if (location.altitude !== undefined && !Number.isFinite(location.altitude)) wrong.push('"altitude" must be a number of metres');
    if (location.relevantText !== undefined && typeof location.relevantText !== 'string') wrong.push('"relevantText" must be a string');
    if (wrong.length) problems.push(problem('invalid_location', `${where}: ${wrong.join('; ')}. Wallet ignores the location.`, FILE));
  }
  if (pass.maxDistance !== undefined && !(typeof pass.maxDistance === 'number' && pass.maxDistance > 0)) {
    problems.push(problem('invalid_location', `"maxDistance" is ${JSON.stringify(pass.maxDistance)}; it must be a positive number of metres.`, FILE));
  }
  return problems;
}

function checkBeacons(pass: PassJson): Problem[] {
  const { items, problems } = listed(pass, 'beacons', MAX_BEACONS);
  for (const [where, beacon] of items) {
    const wrong: string[] = [];
    if (typeof beacon.proximityUUID !== 'string' || !UUID.test(beacon.proximityUUID)) wrong.push('"proximityUUID" must be a UUID such as E2C56DB5-DFFB-48D2-B060-D0F5A71096E0');
    for (const key of ['major', 'minor']) {
      const value = beacon[key];
      if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 65535)) wrong.push(`"${key}" must be an integer from 0 to 65535`);
    }
    if (wrong.length) problems.push(problem('invalid_beacon', `${where}: ${wrong.join('; ')}. Wallet ignores the beacon.`, FILE));
  }
  return problems;
}

function checkDates(pass: PassJson): Problem[] {
  if (pass.relevantDate === undefined) return [];
  const value = pass.relevantDate;
  const ok = typeof value === 'string' && /T\d{2}:\d{2}/.test(value) && /(?:Z|[+-]\d{2}:?\d{2})$/.test(value) && !Number.isNaN(Date.parse(value));
  return ok ? [] : [problem('invalid_relevant_date', `"relevantDate" is ${JSON.stringify(value)}; it must be an ISO 8601 date with a time and a time zone, e.g. "2026-05-01T18:00:00Z".`, FILE)];
}

function checkNfc(pass: PassJson): Problem[] {
  if (pass.nfc === undefined) return [];
  const nfc = (typeof pass.nfc === 'object' && pass.nfc !== null ? pass.nfc : {}) as Record<string, unknown>;
  const wrong: string[] = [];
  if (typeof nfc.message !== 'string' || nfc.message === '') wrong.push('"message" must be a non-empty string');
  else if (Buffer.byteLength(nfc.message, 'utf8') > MAX_NFC_MESSAGE_BYTES) wrong.push(`"message" is ${Buffer.byteLength(nfc.message, 'utf8')} bytes; Apple allows ${MAX_NFC_MESSAGE_BYTES}`);
  if (!isP256PublicKey(nfc.encryptionPublicKey)) wrong.push('"encryptionPublicKey" must be the base64 X.509 SubjectPublicKeyInfo of an ECDH P-256 public key');
  if (wrong.length === 0) return [];
  return [problem('invalid_nfc', `nfc: ${wrong.join('; ')}. (An NFC pass also needs a certificate with Apple's NFC entitlement.)`, FILE)];
}

function inRange(value: unknown, bound: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= bound;
}
