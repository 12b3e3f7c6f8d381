import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsISO8601,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidateNested,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { createPublicKey } from 'node:crypto';
import type { FieldError } from '../errors';

// What a pass shows besides its fields (spec/API.md §8.5): where and when it is relevant,
// its translations and its NFC payload. Limits are Apple's where Apple sets one.

/** Apple: a pass holds at most 10 locations and 10 beacons. */
export const MAX_PASS_LOCATIONS = 10;
export const MAX_PASS_BEACONS = 10;
export const MAX_RELEVANT_TEXT = 200;
export const MAX_DISTANCE_METRES = 100_000;
/** Apple: the NFC message is at most 64 bytes. */
export const MAX_NFC_MESSAGE_BYTES = 64;
export const MAX_LOCALIZATION_LANGUAGES = 50;
export const MAX_LOCALIZATION_STRINGS = 200;
export const MAX_LOCALIZED_TEXT = 2000;

const FINITE = { allowNaN: false, allowInfinity: false };
const RELEVANT_TEXT_DESCRIPTION = `Shown on the lock screen when the pass is relevant here (at most ${MAX_RELEVANT_TEXT} characters; placeholders allowed)`;

export class PassLocationDto {
  @ApiProperty({ minimum: -90, maximum: 90, example: 48.8584, description: 'Degrees' })
  @IsNumber(FINITE, { message: 'must be a number from -90 to 90' })
  @Min(-90, { message: 'must be a number from -90 to 90' })
  @Max(90, { message: 'must be a number from -90 to 90' })
  latitude: number;

  @ApiProperty({ minimum: -180, maximum: 180, example: 2.2945, description: 'Degrees' })
  @IsNumber(FINITE, { message: 'must be a number from -180 to 180' })
  @Min(-180, { message: 'must be a number from -180 to 180' })
  @Max(180, { message: 'must be a number from -180 to 180' })
  longitude: number;

  @ApiPropertyOptional({ minimum: -1000, maximum: 10000, example: 35, description: 'Metres above sea level' })
  @IsOptional()
  @IsNumber(FINITE, { message: 'must be a number of metres from -1000 to 10000' })
  @Min(-1000, { message: 'must be a number of metres from -1000 to 10000' })
  @Max(10000, { message: 'must be a number of metres from -1000 to 10000' })
  altitude?: number;

  @ApiPropertyOptional({ maxLength: MAX_RELEVANT_TEXT, example: 'Your card for the Rue Cler store', description: RELEVANT_TEXT_DESCRIPTION })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_RELEVANT_TEXT)
  relevant_text?: string;
}

export class PassBeaconDto {
  @ApiProperty({ format: 'uuid', example: 'E2C56DB5-DFFB-48D2-B060-D0F5A71096E0', description: "The iBeacon's proximity UUID" })
  @IsUUID('all', { message: 'must be a UUID such as E2C56DB5-DFFB-48D2-B060-D0F5A71096E0' })
  proximity_uuid: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 65535, example: 1 })
  @IsOptional()
  @IsInt({ message: 'must be an integer from 0 to 65535' })
  @Min(0, { message: 'must be an integer from 0 to 65535' })
  @Max(65535, { message: 'must be an integer from 0 to 65535' })
  major?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 65535, example: 42 })
  @IsOptional()
  @IsInt({ message: 'must be an integer from 0 to 65535' })
  @Min(0, { message: 'must be an integer from 0 to 65535' })
  @Max(65535, { message: 'must be an integer from 0 to 65535' })
  minor?: number;

  @ApiPropertyOptional({ maxLength: MAX_RELEVANT_TEXT, example: 'Welcome in! Show your card at the till', description: RELEVANT_TEXT_DESCRIPTION })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_RELEVANT_TEXT)
  relevant_text?: string;
}

@ValidatorConstraint({ name: 'maxUtf8Bytes' })
class MaxUtf8Bytes implements ValidatorConstraintInterface {
  validate(value: unknown, args?: ValidationArguments): boolean {
    return typeof value === 'string' && Buffer.byteLength(value, 'utf8') <= Number(args?.constraints[0]);
  }
  defaultMessage(args?: ValidationArguments): string {
    return `must be at most ${Number(args?.constraints[0])} bytes in UTF-8`;
  }
}

/** True when `value` is base64 of an X.509 SubjectPublicKeyInfo holding an EC P-256 key, as Apple's VAS protocol wants. */
export function isP256PublicKey(value: unknown): boolean {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(value.trim())) return false;
  try {
    const key = createPublicKey({ key: Buffer.from(value.trim(), 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  } catch {
    return false;
  }
}

@ValidatorConstraint({ name: 'p256PublicKey' })
class P256PublicKey implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isP256PublicKey(value);
  }
  defaultMessage(): string {
    return 'must be a base64 X.509 SubjectPublicKeyInfo of an ECDH P-256 public key (openssl ec -pubout -outform DER | base64)';
  }
}

export class PassNfcDto {
  @ApiProperty({
    maxLength: MAX_NFC_MESSAGE_BYTES,
    example: '{member_id}',
    description: `The payload the device sends to an Apple Pay (VAS) terminal: at most ${MAX_NFC_MESSAGE_BYTES} bytes (placeholders allowed; the rendered text is cut at ${MAX_NFC_MESSAGE_BYTES} bytes)`,
  })
  @IsString()
  @MinLength(1)
  @Validate(MaxUtf8Bytes, [MAX_NFC_MESSAGE_BYTES])
  message: string;

  @ApiProperty({
    example: 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE…',
    description: "Base64 X.509 SubjectPublicKeyInfo of the terminal's ECDH P-256 public key (Apple's encryptionPublicKey)",
  })
  @IsString()
  @MaxLength(1024)
  @Validate(P256PublicKey)
  encryption_public_key: string;
}

/** ISO 8601 with a time and a zone: Wallet needs an instant, not a calendar day. */
const DATE_TIME_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const DATE_TIME_MESSAGE = 'must be an ISO 8601 date-time with a time zone, e.g. 2026-05-01T18:00:00Z';

/**
 * Relevance, translations and NFC, as a style sets them and `create-from-member` overrides
 * them for one pass (a pass's value replaces the style's; its translations are merged over
 * the style's, language by language).
 */
export class PassContentDto {
  @ApiPropertyOptional({
    type: [PassLocationDto],
    maxItems: MAX_PASS_LOCATIONS,
    description: `Places where the pass is relevant: Wallet shows it on the lock screen nearby (at most ${MAX_PASS_LOCATIONS}). Apple: locations; Google: merchantLocations`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PASS_LOCATIONS, { message: `must hold at most ${MAX_PASS_LOCATIONS} locations` })
  @IsObject({ each: true, message: 'each entry must be an object' })
  @ValidateNested({ each: true })
  @Type(() => PassLocationDto)
  locations?: PassLocationDto[];

  @ApiPropertyOptional({
    exclusiveMinimum: true,
    minimum: 0,
    maximum: MAX_DISTANCE_METRES,
    example: 150,
    description: "Metres from a location within which the pass is relevant (Wallet uses the smaller of this and its own default). Apple only: maxDistance",
  })
  @IsOptional()
  @IsNumber(FINITE, { message: `must be a number of metres above 0 and at most ${MAX_DISTANCE_METRES}` })
  @IsPositive({ message: `must be a number of metres above 0 and at most ${MAX_DISTANCE_METRES}` })
  @Max(MAX_DISTANCE_METRES, { message: `must be a number of metres above 0 and at most ${MAX_DISTANCE_METRES}` })
  max_distance?: number;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    example: '2026-05-01T18:00:00Z',
    description: 'When the pass is relevant (an event, an appointment): Wallet shows it on the lock screen around then. ISO 8601 with a time zone. Apple only: relevantDate',
  })
  @IsOptional()
  @IsString()
  @Matches(DATE_TIME_WITH_ZONE, { message: DATE_TIME_MESSAGE })
  @IsISO8601({ strict: true }, { message: DATE_TIME_MESSAGE })
  relevant_date?: string;

  @ApiPropertyOptional({
    type: [PassBeaconDto],
    maxItems: MAX_PASS_BEACONS,
    description: `iBeacons near which the pass is relevant (at most ${MAX_PASS_BEACONS}). Apple only: beacons`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PASS_BEACONS, { message: `must hold at most ${MAX_PASS_BEACONS} beacons` })
  @IsObject({ each: true, message: 'each entry must be an object' })
  @ValidateNested({ each: true })
  @Type(() => PassBeaconDto)
  beacons?: PassBeaconDto[];

  @ApiPropertyOptional({
    type: 'object',
    maxProperties: MAX_LOCALIZATION_LANGUAGES,
    additionalProperties: {
      type: 'object',
      maxProperties: MAX_LOCALIZATION_STRINGS,
      additionalProperties: { type: 'string', minLength: 1, maxLength: MAX_LOCALIZED_TEXT },
    },
    example: { de: { Points: 'Punkte', Tier: 'Stufe' }, fr: { Points: 'Points', Tier: 'Niveau' } },
    description:
      `Translations by BCP 47 language tag (en, de-CH, pt-BR, zh-Hans; at most ${MAX_LOCALIZATION_LANGUAGES} languages of at most ${MAX_LOCALIZATION_STRINGS} texts, each 1 to ${MAX_LOCALIZED_TEXT} characters). ` +
      'A label, value or relevant text of the pass that equals a text here is shown translated on a device in that language (placeholders are filled in on both sides). ' +
      'Apple: one <language>.lproj/pass.strings per language; Google: translatedValues of the matching localized strings',
  })
  @IsOptional()
  @IsObject({ message: 'must be an object of languages, each an object of text → translation' })
  localizations?: Record<string, Record<string, string>>;

  @ApiPropertyOptional({
    type: PassNfcDto,
    description: "Apple Pay (VAS) NFC payload. Needs Apple's NFC entitlement on the Pass Type ID certificate: accepted only when the tenant's nfc_enabled is true (else 422). Apple only: nfc",
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PassNfcDto)
  nfc?: PassNfcDto;
}

/** A well-formed, canonical BCP 47 tag as lproj folders use it: language[-Script][-Region][-variant…]. */
const LANGUAGE_TAG_SHAPE = /^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?(?:-(?:[a-z0-9]{5,8}|\d[a-z0-9]{3}))*$/;
const LANGUAGE_TAG_MESSAGE = 'is not a BCP 47 language tag such as en, de-CH, pt-BR or zh-Hans';

/** The canonical form of a BCP 47 language tag (`EN-gb` → `en-GB`), or null when it is not one. */
export function canonicalLanguageTag(tag: string): string | null {
  let canonical: string;
  try {
    [canonical] = Intl.getCanonicalLocales(tag);
  } catch {
    return null;
  }
  if (!canonical || canonical === 'und' || !LANGUAGE_TAG_SHAPE.test(canonical)) return null;
  return canonical;
}

/**
 * Checks a `localizations` value beyond what its DTO can express (the languages are keys),
 * naming each bad entry as `localizations.<language>` or `localizations.<language>["<text>"]`.
 * Returns the translations under canonical language tags.
 */
export function checkLocalizations(value: unknown, field = 'localizations'): { localizations: Record<string, Record<string, string>>; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const localizations: Record<string, Record<string, string>> = {};
  if (value === undefined) return { localizations, problems };
  if (!isPlainObject(value)) return { localizations, problems: [{ field, message: 'must be an object of languages, each an object of text → translation' }] };
  const languages = Object.keys(value);
  if (languages.length > MAX_LOCALIZATION_LANGUAGES) problems.push({ field, message: `must hold at most ${MAX_LOCALIZATION_LANGUAGES} languages` });
  const seen = new Map<string, string>();
  for (const language of languages) {
    const path = `${field}.${language}`;
    const canonical = canonicalLanguageTag(language);
    if (!canonical) {
      const hint = /^[A-Za-z]{2,3}_[A-Za-z0-9]+$/.test(language) ? ` (use ${language.replace('_', '-')}: BCP 47 joins with a hyphen)` : '';
      problems.push({ field: path, message: `${LANGUAGE_TAG_MESSAGE}${hint}` });
      continue;
    }
    const earlier = seen.get(canonical);
    if (earlier !== undefined) {
      problems.push({ field: path, message: `is the same language as "${earlier}" (${canonical}); give each language once` });
      continue;
    }
    seen.set(canonical, language);
    const strings = (value as Record<string, unknown>)[language];
    if (!isPlainObject(strings)) {
      problems.push({ field: path, message: 'must be an object of text → translation' });
      continue;
    }
    const texts = Object.keys(strings);
    if (texts.length === 0) problems.push({ field: path, message: 'must hold at least one translation' });
    if (texts.length > MAX_LOCALIZATION_STRINGS) problems.push({ field: path, message: `must hold at most ${MAX_LOCALIZATION_STRINGS} translations` });
    const translated: Record<string, string> = {};
    for (const text of texts) {
      const entry = `${path}[${JSON.stringify(text)}]`;
      const translation = (strings as Record<string, unknown>)[text];
      if (text.length === 0 || text.length > MAX_LOCALIZED_TEXT) problems.push({ field: entry, message: `the text must be 1 to ${MAX_LOCALIZED_TEXT} characters` });
      else if (typeof translation !== 'string' || translation.length === 0 || translation.length > MAX_LOCALIZED_TEXT) {
        problems.push({ field: entry, message: `must be a translation of 1 to ${MAX_LOCALIZED_TEXT} characters` });
      } else translated[text] = translation;
    }
    localizations[canonical] = translated;
  }
  return { localizations, problems };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
