import { crc32, inflateSync } from 'node:zlib';
import { builtInImages } from './built-in-images';
import { encodePng } from './png.encoder';
import { InvalidPngError, readPngInfo } from './png-info.reader';

/** Decodes an 8-bit RGBA PNG produced by the encoder (filters None, Sub, Up) back to pixels. */
function decodeRgba(png: Buffer): { width: number; height: number; pixels: Buffer } {
  const { width, height } = readPngInfo(png);
  const idat: Buffer[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  expect(raw.length).toBe((stride + 1) * height);
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const value = raw[y * (stride + 1) + 1 + i];
      const left = i >= 4 ? pixels[y * stride + i - 4] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + i] : 0;
      pixels[y * stride + i] = (value + (filter === 1 ? left : filter === 2 ? up : 0)) & 0xff;
    }
  }
  return { width, height, pixels };
}

describe('PNG encoder', () => {
  it('round-trips RGBA pixels', () => {
    const pixels = Buffer.from(Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) & 0xff));
    const decoded = decodeRgba(encodePng(3, 2, pixels));
    expect(decoded).toEqual({ width: 3, height: 2, pixels });
  });

  it('rejects pixel buffers that do not match the size', () => {
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow(RangeError);
    expect(() => encodePng(0, 2, new Uint8Array(0))).toThrow(RangeError);
  });
});

describe('readPngInfo', () => {
  const png = encodePng(7, 5, new Uint8Array(7 * 5 * 4));

  it('reads width and height from IHDR', () => {
    expect(readPngInfo(png)).toEqual({ width: 7, height: 5 });
  });

  it('explains what is wrong with bytes that are not a PNG', () => {
    expect(() => readPngInfo(Buffer.from('GIF89a...........................'))).toThrow(
      new InvalidPngError('not a PNG file: the PNG signature is missing'),
    );
    expect(() => readPngInfo(Buffer.alloc(0))).toThrow(/signature is missing/);
    expect(() => readPngInfo(png.subarray(0, 20))).toThrow(/truncated/);
    const wrongChunk = Buffer.from(png);
    wrongChunk.write('IDAT', 12, 'latin1');
    expect(() => readPngInfo(wrongChunk)).toThrow(/first chunk is not a valid IHDR/);
    const corrupt = Buffer.from(png);
    corrupt[17] ^= 0xff;
    expect(() => readPngInfo(corrupt)).toThrow(/checksum mismatch/);
  });
});

describe('built-in images', () => {
  const expected: Record<string, [number, number]> = {
    'icon.png': [29, 29],
    'icon@2x.png': [58, 58],
    'icon@3x.png': [87, 87],
    'logo.png': [160, 50],
    'logo@2x.png': [320, 100],
    'strip.png': [375, 123],
    'strip@2x.png': [750, 246],
  };

  it("provides valid PNGs at Apple's recommended sizes", () => {
    const images = builtInImages();
    expect(Object.keys(images).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, [width, height]] of Object.entries(expected)) {
      expect({ name, ...decodeRgba(images[name]), pixels: undefined }).toEqual({ name, width, height, pixels: undefined });
    }
  });

  it('draws an opaque icon and a logo with a transparent background', () => {
    const icon = decodeRgba(builtInImages()['icon@2x.png']);
    const centre = (icon.height / 2) * icon.width * 4 + (icon.width / 2) * 4;
    expect(icon.pixels[centre + 3]).toBe(255);
    const logo = decodeRgba(builtInImages()['logo.png']);
    expect(logo.pixels[(logo.width - 1) * 4 + 3]).toBe(0);
  });

  it('returns the cached images every time', () => {
    expect(builtInImages()['strip.png']).toBe(builtInImages()['strip.png']);
  });
});
