import { inflateRawSync } from 'node:zlib';

/**
 * Reads every file of a zip through its central directory (the authoritative index), and
 * checks each local header agrees and each CRC-32 matches. Stored and deflate entries only.
 */
export function readZip(buf: Buffer): Record<string, Buffer> {
  const eocd = findEndOfCentralDirectory(buf);
  const count = buf.readUInt16LE(eocd + 10);
  const centralSize = buf.readUInt32LE(eocd + 12);
  const centralOffset = buf.readUInt32LE(eocd + 16);
  if (centralOffset + centralSize > eocd) throw new Error('zip: central directory overlaps its end record');
  const files: Record<string, Buffer> = {};
  let cursor = centralOffset;
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(cursor) !== 0x02014b50) throw new Error(`zip: bad central directory header #${i}`);
    const flags = buf.readUInt16LE(cursor + 8);
    const method = buf.readUInt16LE(cursor + 10);
    const crc = buf.readUInt32LE(cursor + 16);
    const compressedSize = buf.readUInt32LE(cursor + 20);
    const size = buf.readUInt32LE(cursor + 24);
    const nameLength = buf.readUInt16LE(cursor + 28);
    const extraLength = buf.readUInt16LE(cursor + 30);
    const commentLength = buf.readUInt16LE(cursor + 32);
    const localOffset = buf.readUInt32LE(cursor + 42);
    const name = buf.toString(flags & 0x0800 ? 'utf8' : 'latin1', cursor + 46, cursor + 46 + nameLength);
    cursor += 46 + nameLength + extraLength + commentLength;

    if (buf.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`zip: bad local header for ${name}`);
    const localNameLength = buf.readUInt16LE(localOffset + 26);
    const localExtraLength = buf.readUInt16LE(localOffset + 28);
    const localName = buf.toString(flags & 0x0800 ? 'utf8' : 'latin1', localOffset + 30, localOffset + 30 + localNameLength);
    if (localName !== name) throw new Error(`zip: local header names ${localName} but the directory names ${name}`);
    const start = localOffset + 30 + localNameLength + localExtraLength;
    const raw = buf.subarray(start, start + compressedSize);
    if (raw.length !== compressedSize) throw new Error(`zip: ${name} is truncated`);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) data = inflateRawSync(raw);
    else throw new Error(`zip: ${name} uses unsupported compression method ${method}`);
    if (data.length !== size) throw new Error(`zip: ${name} has ${data.length} bytes, the directory says ${size}`);
    if (crc32(data) !== crc) throw new Error(`zip: CRC-32 mismatch for ${name}`);
    if (name in files) throw new Error(`zip: duplicate entry ${name}`);
    files[name] = data;
  }
  return files;
}

function findEndOfCentralDirectory(buf: Buffer): number {
  // The end record is 22 bytes plus a comment of at most 65,535 bytes.
  for (let offset = buf.length - 22; offset >= Math.max(0, buf.length - 22 - 0xffff); offset--) {
    if (buf.readUInt32LE(offset) === 0x06054b50) return offset;
  }
  throw new Error('zip: end of central directory not found (not a zip file)');
}

// An independent bitwise CRC-32 (not zlib's), so the reader does not trust the writer's tool.
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
