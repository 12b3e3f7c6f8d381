import { crc32 } from 'node:zlib';
import { PNG_SIGNATURE } from './png.encoder';

export class InvalidPngError extends Error {
  override readonly name = 'InvalidPngError';
}

export interface PngInfo {
  width: number;
  height: number;
}

// PNG spec §11.2.2: allowed bit depths per colour type.
const BIT_DEPTHS: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};
const MAX_DIMENSION = 0x7fffffff;

/** Width and height of a PNG, judged by its bytes (signature, then a well-formed IHDR). */
export function readPngInfo(buf: Uint8Array): PngInfo {
  const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (bytes.length < PNG_SIGNATURE.length || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new InvalidPngError('not a PNG file: the PNG signature is missing');
  }
  if (bytes.length < 8 + 8 + 13 + 4) throw new InvalidPngError('not a PNG file: truncated before the IHDR chunk ends');
  const length = bytes.readUInt32BE(8);
  const type = bytes.toString('latin1', 12, 16);
  if (type !== 'IHDR' || length !== 13) throw new InvalidPngError('not a PNG file: the first chunk is not a valid IHDR');
  const expectedCrc = bytes.readUInt32BE(29);
  if (crc32(bytes.subarray(12, 29)) !== expectedCrc) throw new InvalidPngError('corrupt PNG: IHDR checksum mismatch');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (width === 0 || height === 0 || width > MAX_DIMENSION || height > MAX_DIMENSION) {
    throw new InvalidPngError('corrupt PNG: invalid image dimensions');
  }
  const bitDepth = bytes[24];
  const colorType = bytes[25];
  if (!BIT_DEPTHS[colorType]?.includes(bitDepth)) throw new InvalidPngError('corrupt PNG: invalid bit depth or colour type');
  if (bytes[26] !== 0 || bytes[27] !== 0 || bytes[28] > 1) {
    throw new InvalidPngError('corrupt PNG: unknown compression, filter or interlace method');
  }
  return { width, height };
}
