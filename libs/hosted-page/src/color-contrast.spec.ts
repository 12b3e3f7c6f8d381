import { contrastRatio, parseCssColor, readableTextColor } from './color-contrast';

describe('parseCssColor', () => {
  it.each([
    ['#123456', { r: 0x12, g: 0x34, b: 0x56 }],
    ['#ABC', { r: 0xaa, g: 0xbb, b: 0xcc }],
    ['#12345680', { r: 0x12, g: 0x34, b: 0x56 }],
    ['rgb(18, 52, 86)', { r: 18, g: 52, b: 86 }],
    ['rgba(18,52,86,0.5)', { r: 18, g: 52, b: 86 }],
    ['rgb(18 52 86 / 50%)', { r: 18, g: 52, b: 86 }],
    ['rgb(100%, 0%, 50%)', { r: 255, g: 0, b: 128 }],
    ['hsl(0, 100%, 50%)', { r: 255, g: 0, b: 0 }],
    ['hsl(120deg 100% 25%)', { r: 0, g: 128, b: 0 }],
    ['  White ', { r: 255, g: 255, b: 255 }],
  ])('reads %s', (input, expected) => {
    expect(parseCssColor(input)).toEqual(expected);
  });

  it.each(['', 'blurple', '#12', 'rgb(1,2)', 'red; background:url(https://evil.example/x)', 'url(x)', 'expression(alert(1))'])(
    'refuses %j, so it never reaches the stylesheet',
    (input) => {
      expect(parseCssColor(input)).toBeNull();
    },
  );
});

describe('contrastRatio', () => {
  it('is 21:1 for black on white, either way round', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrastRatio('white', 'black')).toBeCloseTo(21, 5);
  });

  it('is 1:1 for a colour against itself', () => {
    expect(contrastRatio('rgb(18, 52, 86)', '#123456')).toBeCloseTo(1, 5);
  });

  it('matches the WCAG reference values', () => {
    // #767676 on white is the classic "just passes AA" grey (4.54:1).
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
    expect(contrastRatio('#ffffff', '#ffeb3b')).toBeCloseTo(1.2, 1);
  });

  it('throws on something that is not a colour', () => {
    expect(() => contrastRatio('nope', '#fff')).toThrow(TypeError);
  });
});

describe('readableTextColor', () => {
  const rgb = (hex: string) => parseCssColor(hex) ?? { r: -1, g: -1, b: -1 };

  it('keeps a brand foreground that is readable', () => {
    expect(readableTextColor(rgb('#ffd27f'), rgb('#123456'))).toEqual(rgb('#ffd27f'));
  });

  it('switches white-on-yellow to black and navy-on-black to white', () => {
    expect(readableTextColor(rgb('#ffffff'), rgb('#ffeb3b'))).toEqual({ r: 0, g: 0, b: 0 });
    expect(readableTextColor(rgb('#000080'), rgb('#000000'))).toEqual({ r: 255, g: 255, b: 255 });
  });
});
