import { PassStringsError, decodePassStrings, encodePassStrings, escapeString, parsePassStrings } from './pass-strings';

describe('pass.strings', () => {
  it("is written as Apple's tools write it: UTF-16 LE with a BOM, one quoted line per key, in key order", () => {
    const bytes = encodePassStrings({ Tier: 'Stufe', Points: 'Punkte' });
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(bytes.subarray(2).toString('utf16le')).toBe('"Points" = "Punkte";\n"Tier" = "Stufe";\n');
  });

  it('escapes quotes, backslashes and control characters, and reads them back exactly', () => {
    const strings = {
      'Say "hi"': 'Sag "hallo"',
      'C:\\path': 'line one\nline two\ttabbed\rreturn',
      'bell\x07': 'emoji 🎉 and accents éü and CJK 積分',
    };
    const bytes = encodePassStrings(strings);
    expect(bytes.subarray(2).toString('utf16le')).toContain('"Say \\"hi\\"" = "Sag \\"hallo\\"";');
    expect(escapeString('bell\x07')).toBe('bell\\U0007');
    const parsed = parsePassStrings(bytes);
    expect(parsed.encoding).toBe('utf-16le');
    expect(Object.fromEntries(parsed.strings)).toEqual(strings);
    expect(parsed.duplicates).toEqual([]);
  });

  it('reads UTF-16 BE and UTF-8 files, comments, unquoted words and the "key"; shorthand', () => {
    const text = '/* Points */\n"Points" = "Punkte"; // the card\nTier = Stufe;\n"Same";\n"oct" = "\\101\\u00e9";\n';
    const be = Buffer.from(`\uFEFF${text}`, 'utf16le');
    be.swap16();
    for (const bytes of [be, Buffer.from(text, 'utf8'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])]) {
      const parsed = parsePassStrings(bytes);
      expect(Object.fromEntries(parsed.strings)).toEqual({ Points: 'Punkte', Tier: 'Stufe', Same: 'Same', oct: 'Aé' });
    }
    expect(decodePassStrings(be).encoding).toBe('utf-16be');
  });

  it('lists keys given twice; the last one counts', () => {
    const parsed = parsePassStrings(Buffer.from('"a" = "1";\n"a" = "2";'));
    expect(parsed.strings.get('a')).toBe('2');
    expect(parsed.duplicates).toEqual(['a']);
  });

  it.each([
    ['a missing semicolon', '"a" = "b"\n"c" = "d";', /line 2: expected ";"/],
    ['an unclosed string', '"a" = "b;', /never closed/],
    ['an unclosed comment', '/* "a" = "b";', /never closed/],
    ['a missing value', '"a" = ;', /expected a value/],
    ['a bad \\U escape', '"a" = "\\UZZ";', /4 hexadecimal digits/],
    ['a stray character', '{"a": "b"}', /expected a key/],
  ])('refuses %s, naming the line', (_name, text, message) => {
    expect(() => parsePassStrings(Buffer.from(text))).toThrow(message);
  });

  it('refuses bytes that are no text', () => {
    expect(() => parsePassStrings(Buffer.from([0xff, 0xfe, 0x41]))).toThrow(PassStringsError);
    expect(() => parsePassStrings(Buffer.from([0xc3, 0x28]))).toThrow(/neither UTF-16/);
    expect(() => parsePassStrings(Buffer.from([0xff, 0xfe, 0x00, 0xd8]))).toThrow(/lone surrogate/);
  });
});
