/**
 * `<language>.lproj/pass.strings`: the translations Wallet applies to a pass. Each pass.json
 * text (a field's label or value, a relevantText, …) that is a key of the device language's
 * file is shown as that key's value.
 *
 * The format is Apple's strings file (an old-style property list of strings): lines of
 * `"key" = "value";` with C-style escapes and comments. Apple's tools write it as UTF-16 with
 * a byte order mark, and Wallet reads UTF-16 (either byte order, with a BOM) or UTF-8.
 */
export class PassStringsError extends Error {
  override readonly name = 'PassStringsError';
}

export type PassStringsEncoding = 'utf-16le' | 'utf-16be' | 'utf-8';

const UTF16LE_BOM = Buffer.from([0xff, 0xfe]);

/**
 * The strings file for `strings` as Apple's tools write it: UTF-16 little-endian with a BOM,
 * one `"key" = "value";` line per entry, keys in code-unit order so the same translations
 * always give the same bytes (and the same manifest hash).
 */
export function encodePassStrings(strings: Readonly<Record<string, string>>): Buffer {
  const keys = Object.keys(strings).sort();
  const text = keys.map((key) => `"${escapeString(key)}" = "${escapeString(strings[key])}";\n`).join('');
  return Buffer.concat([UTF16LE_BOM, Buffer.from(text, 'utf16le')]);
}

/** Backslash escapes for a quoted strings-file string; other controls as `\Uxxxx`. */
export function escapeString(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (char === '\\') out += '\\\\';
    else if (char === '"') out += '\\"';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\U${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return out;
}

/** Decodes the file's bytes by its BOM: UTF-16 LE/BE, or UTF-8 (with or without a BOM). */
export function decodePassStrings(bytes: Uint8Array): { text: string; encoding: PassStringsEncoding } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) {
    if (buffer.length % 2 !== 0) throw new PassStringsError('the file starts with a UTF-16 little-endian byte order mark but has an odd number of bytes');
    return { text: strictUtf16(buffer.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  }
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) {
    if (buffer.length % 2 !== 0) throw new PassStringsError('the file starts with a UTF-16 big-endian byte order mark but has an odd number of bytes');
    const swapped = Buffer.from(buffer.subarray(2));
    swapped.swap16();
    return { text: strictUtf16(swapped, 'utf-16be'), encoding: 'utf-16be' };
  }
  const body = buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? buffer.subarray(3) : buffer;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    throw new PassStringsError('the file is neither UTF-16 with a byte order mark nor valid UTF-8');
  }
}

function strictUtf16(littleEndian: Buffer, encoding: PassStringsEncoding): string {
  try {
    return new TextDecoder('utf-16le', { fatal: true }).decode(littleEndian);
  } catch {
    throw new PassStringsError(`the file is not valid ${encoding.toUpperCase()} (a lone surrogate)`);
  }
}

export interface ParsedPassStrings {
  strings: Map<string, string>;
  encoding: PassStringsEncoding;
  /** Keys given more than once (the last one counts, as on the device). */
  duplicates: string[];
}

/**
 * Reads a strings file the way Foundation does: `"key" = "value";` entries (a bare
 * `"key";` means the value is the key), unquoted words of letters, digits and `_$+/:.-`,
 * `//` and `/* *\/` comments, and the escapes `\" \\ \n \t \r \a \b \f \v`, octal `\ooo`
 * and `\Uxxxx`. Throws PassStringsError naming the line of the first mistake.
 */
export function parsePassStrings(bytes: Uint8Array): ParsedPassStrings {
  const { text, encoding } = decodePassStrings(bytes);
  const parser = new Parser(text);
  const strings = new Map<string, string>();
  const duplicates: string[] = [];
  for (;;) {
    parser.skipSpace();
    if (parser.done) break;
    const key = parser.string('a key');
    parser.skipSpace();
    let value = key;
    if (parser.peek() === '=') {
      parser.advance();
      parser.skipSpace();
      value = parser.string('a value after "="');
      parser.skipSpace();
    }
    parser.expect(';');
    if (strings.has(key)) duplicates.push(key);
    strings.set(key, value);
  }
  return { strings, encoding, duplicates };
}

const WORD = /[A-Za-z0-9_$+/:.-]/;

class Parser {
  private at = 0;

  constructor(private readonly text: string) {}

  get done(): boolean {
    return this.at >= this.text.length;
  }

  peek(): string {
    return this.text[this.at];
  }

  advance(): void {
    this.at += 1;
  }

  private fail(message: string): never {
    const line = this.text.slice(0, this.at).split('\n').length;
    throw new PassStringsError(`line ${line}: ${message}`);
  }

  expect(char: string): void {
    if (this.peek() !== char) this.fail(this.done ? `expected "${char}" but the file ended` : `expected "${char}" but found ${JSON.stringify(this.peek())}`);
    this.advance();
  }

  skipSpace(): void {
    while (!this.done) {
      const char = this.peek();
      if (/\s/.test(char) || char === '\uFEFF') {
        this.advance();
      } else if (this.text.startsWith('//', this.at)) {
        const end = this.text.indexOf('\n', this.at);
        this.at = end < 0 ? this.text.length : end + 1;
      } else if (this.text.startsWith('/*', this.at)) {
        const end = this.text.indexOf('*/', this.at + 2);
        if (end < 0) this.fail('a /* comment is never closed');
        this.at = end + 2;
      } else {
        return;
      }
    }
  }

  string(what: string): string {
    if (this.done) this.fail(`expected ${what} but the file ended`);
    if (this.peek() === '"') return this.quoted();
    const start = this.at;
    while (!this.done && WORD.test(this.peek())) this.advance();
    if (this.at === start) this.fail(`expected ${what} (a "quoted string") but found ${JSON.stringify(this.peek())}`);
    return this.text.slice(start, this.at);
  }

  private quoted(): string {
    this.advance();
    let out = '';
    for (;;) {
      if (this.done) this.fail('a quoted string is never closed');
      const char = this.peek();
      this.advance();
      if (char === '"') return out;
      if (char !== '\\') {
        out += char;
        continue;
      }
      if (this.done) this.fail('a quoted string ends in a lone backslash');
      const escaped = this.peek();
      this.advance();
      switch (escaped) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'a':
          out += '\x07';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'v':
          out += '\v';
          break;
        case 'U':
        case 'u': {
          const hex = this.text.slice(this.at, this.at + 4);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) this.fail(`\\${escaped} must be followed by 4 hexadecimal digits`);
          out += String.fromCharCode(parseInt(hex, 16));
          this.at += 4;
          break;
        }
        default:
          if (/[0-7]/.test(escaped)) {
            let octal = escaped;
            while (octal.length < 3 && /[0-7]/.test(this.peek() ?? '')) {
              octal += this.peek();
              this.advance();
            }
            out += String.fromCharCode(parseInt(octal, 8));
          } else {
            // \" \\ \' and any other character stand for themselves.
            out += escaped;
          }
      }
    }
  }
}
