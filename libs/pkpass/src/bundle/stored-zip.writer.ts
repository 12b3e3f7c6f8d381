import { crc32 } from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

const LOCAL_HEADER = 30;
const CENTRAL_HEADER = 46;
const END_OF_CENTRAL_DIRECTORY = 22;
const MAX_UINT32 = 0xffffffff;
// Bit 11: names are UTF-8 (APPNOTE 4.4.4), so localized folders like "zh-Hans.lproj" stay exact.
const FLAG_UTF8 = 0x0800;
// "made by" Unix (3) spec 2.0, so unzip shows regular-file permissions.
const VERSION_MADE_BY = (3 << 8) | 20;
const VERSION_NEEDED = 10;
const UNIX_REGULAR_FILE_0644 = (0o100644 << 16) >>> 0;

/**
 * A zip with every entry STORED (method 0). Wallet reads it fine, passes are mostly PNGs
 * that deflate would not shrink, and skipping deflate is a large share of the speed-up.
 * Written in one allocation; no ZIP64, so each entry and the archive stay under 4 GiB.
 */
export function writeStoredZip(entries: ZipEntry[], modified: Date): Buffer {
  const { time, date } = dosDateTime(modified);
  const names = entries.map((entry) => Buffer.from(entry.name, 'utf8'));
  let size = END_OF_CENTRAL_DIRECTORY;
  entries.forEach((entry, i) => {
    size += LOCAL_HEADER + CENTRAL_HEADER + 2 * names[i].length + entry.data.length;
  });
  if (size > MAX_UINT32 || entries.length > 0xffff) throw new RangeError('pass bundle too large for a non-ZIP64 archive');

  // allocUnsafeSlow: the archive owns its ArrayBuffer, so a worker can transfer it without a copy.
  const out = Buffer.allocUnsafeSlow(size);
  const crcs: number[] = [];
  const offsets: number[] = [];
  let cursor = 0;
  entries.forEach((entry, i) => {
    const name = names[i];
    const crc = crc32(entry.data);
    crcs.push(crc);
    offsets.push(cursor);
    out.writeUInt32LE(0x04034b50, cursor);
    out.writeUInt16LE(VERSION_NEEDED, cursor + 4);
    out.writeUInt16LE(FLAG_UTF8, cursor + 6);
    out.writeUInt16LE(0, cursor + 8);
    out.writeUInt16LE(time, cursor + 10);
    out.writeUInt16LE(date, cursor + 12);
    out.writeUInt32LE(crc, cursor + 14);
    out.writeUInt32LE(entry.data.length, cursor + 18);
    out.writeUInt32LE(entry.data.length, cursor + 22);
    out.writeUInt16LE(name.length, cursor + 26);
    out.writeUInt16LE(0, cursor + 28);
    cursor += LOCAL_HEADER;
    cursor += name.copy(out, cursor);
    out.set(entry.data, cursor);
    cursor += entry.data.length;
  });

  const centralStart = cursor;
  entries.forEach((entry, i) => {
    const name = names[i];
    out.writeUInt32LE(0x02014b50, cursor);
    out.writeUInt16LE(VERSION_MADE_BY, cursor + 4);
    out.writeUInt16LE(VERSION_NEEDED, cursor + 6);
    out.writeUInt16LE(FLAG_UTF8, cursor + 8);
    out.writeUInt16LE(0, cursor + 10);
    out.writeUInt16LE(time, cursor + 12);
    out.writeUInt16LE(date, cursor + 14);
    out.writeUInt32LE(crcs[i], cursor + 16);
    out.writeUInt32LE(entry.data.length, cursor + 20);
    out.writeUInt32LE(entry.data.length, cursor + 24);
    out.writeUInt16LE(name.length, cursor + 28);
    out.writeUInt16LE(0, cursor + 30); // extra field length
    out.writeUInt16LE(0, cursor + 32); // comment length
    out.writeUInt16LE(0, cursor + 34); // disk number start
    out.writeUInt16LE(0, cursor + 36); // internal attributes
    out.writeUInt32LE(UNIX_REGULAR_FILE_0644, cursor + 38);
    out.writeUInt32LE(offsets[i], cursor + 42);
    cursor += CENTRAL_HEADER;
    cursor += name.copy(out, cursor);
  });

  const centralSize = cursor - centralStart;
  out.writeUInt32LE(0x06054b50, cursor);
  out.writeUInt16LE(0, cursor + 4);
  out.writeUInt16LE(0, cursor + 6);
  out.writeUInt16LE(entries.length, cursor + 8);
  out.writeUInt16LE(entries.length, cursor + 10);
  out.writeUInt32LE(centralSize, cursor + 12);
  out.writeUInt32LE(centralStart, cursor + 16);
  out.writeUInt16LE(0, cursor + 20);
  return out;
}

/** MS-DOS date/time (UTC wall clock; zip has no zone). Clamped to the format's 1980 epoch. */
export function dosDateTime(at: Date): { time: number; date: number } {
  const year = at.getUTCFullYear();
  if (year < 1980) return { time: 0, date: (1 << 5) | 1 };
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1),
    date: ((Math.min(year, 2107) - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}
