import { crc32, deflateSync } from 'node:zlib';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOR_TYPE_RGBA = 6;

/** Encodes 8-bit RGBA pixels (row-major, 4 bytes each) as a PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError('PNG dimensions must be positive integers');
  }
  const stride = width * 4;
  if (rgba.length !== stride * height) throw new RangeError('pixel buffer does not match the dimensions');
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = COLOR_TYPE_RGBA;
  // bytes 10-12: deflate compression, adaptive filtering, no interlace
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(filterRows(rgba, stride, height), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Per row, the cheaper of filter None, Sub and Up (minimum sum of absolute differences). */
function filterRows(rgba: Uint8Array, stride: number, height: number): Buffer {
  const out = Buffer.alloc((stride + 1) * height);
  const candidates = [Buffer.alloc(stride), Buffer.alloc(stride), Buffer.alloc(stride)];
  for (let y = 0; y < height; y++) {
    const row = rgba.subarray(y * stride, (y + 1) * stride);
    const above = y > 0 ? rgba.subarray((y - 1) * stride, y * stride) : undefined;
    let best = 0;
    let bestScore = Infinity;
    for (let filter = 0; filter < 3; filter++) {
      const target = candidates[filter];
      let score = 0;
      for (let i = 0; i < stride; i++) {
        const predictor = filter === 1 ? (i >= 4 ? row[i - 4] : 0) : filter === 2 ? (above ? above[i] : 0) : 0;
        const value = (row[i] - predictor) & 0xff;
        target[i] = value;
        score += value < 128 ? value : 256 - value;
      }
      if (score < bestScore) {
        bestScore = score;
        best = filter;
      }
    }
    const offset = y * (stride + 1);
    out[offset] = best;
    candidates[best].copy(out, offset + 1);
  }
  return out;
}

function chunk(type: string, data: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(data.length, 0);
  header.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(header.subarray(4))), 0);
  return Buffer.concat([header, data, crc]);
}
