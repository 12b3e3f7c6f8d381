import { encodePassStrings } from '@wp/pkpass';
import { PlaceholderValues, renderPlaceholders } from './placeholder.renderer';

type Localizations = Record<string, Record<string, string>>;

/**
 * The translations of one holder's pass: placeholders are filled in on both sides, since the
 * device matches pass.json's rendered text (`Hello {member_name}` → `Hello Ada`) against the
 * keys. Languages and texts come out in a fixed order, so a version always renders the same
 * bytes.
 */
export function renderedLocalizations(localizations: Localizations | undefined, values: PlaceholderValues): Array<[string, Map<string, string>]> {
  return Object.keys(localizations ?? {})
    .sort()
    .map((language) => {
      const strings = new Map<string, string>();
      for (const text of Object.keys((localizations as Localizations)[language]).sort()) {
        strings.set(renderPlaceholders(text, values), renderPlaceholders((localizations as Localizations)[language][text], values));
      }
      return [language, strings] as [string, Map<string, string>];
    })
    .filter(([, strings]) => strings.size > 0);
}

/** Apple: one `<language>.lproj/pass.strings` per language (UTF-16 with a BOM), for the bundle and its manifest. */
export function localizationFiles(localizations: Localizations | undefined, values: PlaceholderValues): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  for (const [language, strings] of renderedLocalizations(localizations, values)) {
    files[`${language}.lproj/pass.strings`] = encodePassStrings(Object.fromEntries(strings));
  }
  return files;
}

export interface Translation {
  language: string;
  value: string;
}

/** Google: the translations of a text as `translatedValues` want them, by language tag; empty when there are none. */
export function translator(localizations: Localizations | undefined, values: PlaceholderValues): (text: string) => Translation[] {
  const rendered = renderedLocalizations(localizations, values);
  return (text) => rendered.flatMap(([language, strings]) => (strings.has(text) ? [{ language, value: strings.get(text) as string }] : []));
}
