import { FieldError, PASS_PLACEHOLDERS, PassContentDto, checkLocalizations } from '@wp/contracts';
import { unknownPlaceholders } from './placeholder.renderer';

export interface StoredLocation {
  latitude: number;
  longitude: number;
  altitude?: number;
  relevant_text?: string;
}

export interface StoredBeacon {
  /** Upper case, as Apple writes proximity UUIDs. */
  proximity_uuid: string;
  major?: number;
  minor?: number;
  relevant_text?: string;
}

export interface StoredNfc {
  message: string;
  encryption_public_key: string;
}

/**
 * Relevance, translations and NFC (spec/API.md §8.5), as a style or a pass stores them: only
 * what was given, in the API's names. Localizations are keyed by canonical BCP 47 tags.
 */
export interface PassContent {
  locations?: StoredLocation[];
  max_distance?: number;
  relevant_date?: string;
  beacons?: StoredBeacon[];
  localizations?: Record<string, Record<string, string>>;
  nfc?: StoredNfc;
}

/** The stored form of a body's content, after the checks class-validator cannot express. */
export function contentOf(dto: PassContentDto): { content: PassContent; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const content: PassContent = {};
  if (dto.locations !== undefined) {
    content.locations = dto.locations.map((location, i) => {
      if (location.relevant_text !== undefined) checkPlaceholders(location.relevant_text, `locations.${i}.relevant_text`, problems);
      return {
        latitude: location.latitude,
        longitude: location.longitude,
        ...(location.altitude !== undefined ? { altitude: location.altitude } : {}),
        ...(location.relevant_text !== undefined ? { relevant_text: location.relevant_text } : {}),
      };
    });
  }
  if (dto.max_distance !== undefined) content.max_distance = dto.max_distance;
  if (dto.relevant_date !== undefined) content.relevant_date = dto.relevant_date;
  if (dto.beacons !== undefined) {
    content.beacons = dto.beacons.map((beacon, i) => {
      if (beacon.relevant_text !== undefined) checkPlaceholders(beacon.relevant_text, `beacons.${i}.relevant_text`, problems);
      return {
        proximity_uuid: beacon.proximity_uuid.toUpperCase(),
        ...(beacon.major !== undefined ? { major: beacon.major } : {}),
        ...(beacon.minor !== undefined ? { minor: beacon.minor } : {}),
        ...(beacon.relevant_text !== undefined ? { relevant_text: beacon.relevant_text } : {}),
      };
    });
  }
  if (dto.localizations !== undefined) {
    const checked = checkLocalizations(dto.localizations);
    problems.push(...checked.problems);
    for (const [language, strings] of Object.entries(checked.localizations)) {
      for (const [text, translation] of Object.entries(strings)) {
        const where = `localizations.${language}[${JSON.stringify(text)}]`;
        checkPlaceholders(text, where, problems);
        checkPlaceholders(translation, where, problems);
      }
    }
    content.localizations = checked.localizations;
  }
  if (dto.nfc !== undefined) {
    checkPlaceholders(dto.nfc.message, 'nfc.message', problems);
    content.nfc = { message: dto.nfc.message, encryption_public_key: dto.nfc.encryption_public_key.trim() };
  }
  return { content, problems };
}

/**
 * What a pass shows: its own values over its style's. Lists and single values are replaced
 * whole (a pass's `locations: []` means none); translations are merged language by language,
 * the pass's text winning.
 */
export function mergeContent(style: PassContent, pass: PassContent): PassContent {
  const { localizations: own, ...rest } = pass;
  const merged: PassContent = { ...style, ...rest };
  if (own) {
    const localizations: Record<string, Record<string, string>> = { ...style.localizations };
    for (const [language, strings] of Object.entries(own)) localizations[language] = { ...localizations[language], ...strings };
    merged.localizations = localizations;
  }
  return merged;
}

function checkPlaceholders(template: string, field: string, problems: FieldError[]): void {
  const unknown = unknownPlaceholders(template);
  if (unknown.length > 0) {
    problems.push({
      field,
      message: `uses unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `{${n}}`).join(', ')}; known: ${PASS_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
    });
  }
}
