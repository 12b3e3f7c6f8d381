import { PassStringsError, parsePassStrings } from '@wp/pkpass';
import { Problem, problem } from '../problems';

const PASS_STRINGS = /^([^/]+)\.lproj\/pass\.strings$/;

/**
 * Each `<language>.lproj/pass.strings` must parse as a strings file, or the device shows that
 * language's texts untranslated (or refuses the pass). Apple asks for UTF-16 when the file
 * holds anything beyond ASCII; keys given twice are a slip (the last one wins).
 */
export function checkLocalizations(files: Map<string, Buffer>): Problem[] {
  const problems: Problem[] = [];
  for (const [name, data] of files) {
    if (!PASS_STRINGS.test(name)) continue;
    try {
      const parsed = parsePassStrings(data);
      if (parsed.encoding === 'utf-8' && /[\u0080-\uffff]/.test(data.toString('utf8'))) {
        problems.push(
          problem('pass_strings_not_utf16', `${name} is UTF-8 with non-ASCII text; Apple requires UTF-16 (with a byte order mark) for that. Save it as UTF-16 so every device reads the accents right.`, name),
        );
      }
      if (parsed.duplicates.length > 0) {
        const keys = [...new Set(parsed.duplicates)].slice(0, 5).map((key) => JSON.stringify(key));
        problems.push(problem('invalid_pass_strings', `${name} gives ${keys.join(', ')} more than once; only the last translation counts. Keep one line per text.`, name, 'warning'));
      }
    } catch (error) {
      if (!(error instanceof PassStringsError)) throw error;
      problems.push(
        problem('invalid_pass_strings', `${name} is not a valid strings file (${error.message}); the device shows that language's texts untranslated. Each line must read "text" = "translation"; with \\" and \\\\ escaped.`, name),
      );
    }
  }
  return problems;
}
