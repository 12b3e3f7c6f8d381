import { parsePassStrings } from '@wp/pkpass';
import { contentOf, mergeContent } from './pass-content';
import { localizationFiles, translator } from './localizations';
import type { PlaceholderValues } from './placeholder.renderer';

const values: PlaceholderValues = { member_name: 'Ada', member_id: 'M-1', points: '42', tier: 'gold', company_name: 'Cafe', balance: '€12.50', serial_number: 'S-1', coupon_title: '' };

describe('contentOf', () => {
  it('keeps only what was given, upper-cases beacon UUIDs and canonicalises language tags', () => {
    const { content, problems } = contentOf({
      beacons: [{ proximity_uuid: 'e2c56db5-dffb-48d2-b060-d0f5a71096e0', major: 1 }],
      localizations: { 'ZH-hans': { Points: '积分' }, 'pt-br': { Points: 'Pontos' } },
    });
    expect(problems).toEqual([]);
    expect(content).toEqual({
      beacons: [{ proximity_uuid: 'E2C56DB5-DFFB-48D2-B060-D0F5A71096E0', major: 1 }],
      localizations: { 'zh-Hans': { Points: '积分' }, 'pt-BR': { Points: 'Pontos' } },
    });
  });

  it('names every bad entry: language tags, duplicates, empty translations, unknown placeholders', () => {
    const { problems } = contentOf({
      locations: [{ latitude: 1, longitude: 2, relevant_text: 'near {shop}' }],
      localizations: { en_GB: { a: 'b' }, de: { Points: '' }, DE: { x: 'y' }, fr: { 'Hi {member_name}': 'Salut {nom}' }, 'x-private': { a: 'b' }, it: 'Punti' as never },
      nfc: { message: '{memberid}', encryption_public_key: 'k' },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'locations.0.relevant_text', message: expect.stringContaining('{shop}') },
        { field: 'localizations.en_GB', message: expect.stringContaining('use en-GB') },
        { field: 'localizations.de["Points"]', message: expect.stringContaining('1 to 2000 characters') },
        { field: 'localizations.DE', message: expect.stringContaining('same language as "de"') },
        { field: 'localizations.fr["Hi {member_name}"]', message: expect.stringContaining('{nom}') },
        { field: 'localizations.x-private', message: expect.stringContaining('BCP 47') },
        { field: 'localizations.it', message: 'must be an object of text → translation' },
        { field: 'nfc.message', message: expect.stringContaining('{memberid}') },
      ]),
    );
    expect(problems).toHaveLength(8);
  });
});

describe('mergeContent', () => {
  it("puts a pass's values over its style's, merging translations language by language", () => {
    const style = { locations: [{ latitude: 1, longitude: 1 }], max_distance: 100, localizations: { de: { Points: 'Punkte', Tier: 'Stufe' }, fr: { Points: 'Points' } } };
    expect(mergeContent(style, { locations: [], localizations: { de: { Tier: 'Rang' }, it: { Points: 'Punti' } } })).toEqual({
      locations: [],
      max_distance: 100,
      localizations: { de: { Points: 'Punkte', Tier: 'Rang' }, fr: { Points: 'Points' }, it: { Points: 'Punti' } },
    });
    expect(mergeContent(style, {})).toEqual(style);
  });
});

describe('localizations', () => {
  const localizations = { de: { Points: 'Punkte', 'Hello {member_name}': 'Hallo {member_name}' }, fr: { Points: 'Points de fidélité' } };

  it('writes one parseable pass.strings per language, placeholders filled in on both sides', () => {
    const files = localizationFiles(localizations, values);
    expect(Object.keys(files)).toEqual(['de.lproj/pass.strings', 'fr.lproj/pass.strings']);
    expect(Object.fromEntries(parsePassStrings(files['de.lproj/pass.strings']).strings)).toEqual({ Points: 'Punkte', 'Hello Ada': 'Hallo Ada' });
    expect(Object.fromEntries(parsePassStrings(files['fr.lproj/pass.strings']).strings)).toEqual({ Points: 'Points de fidélité' });
    expect(localizationFiles(undefined, values)).toEqual({});
  });

  it('gives Google the translations of a shown text, by language', () => {
    const translate = translator(localizations, values);
    expect(translate('Points')).toEqual([{ language: 'de', value: 'Punkte' }, { language: 'fr', value: 'Points de fidélité' }]);
    expect(translate('Hello Ada')).toEqual([{ language: 'de', value: 'Hallo Ada' }]);
    expect(translate('Tier')).toEqual([]);
  });
});
