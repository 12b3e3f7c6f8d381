import { readZip } from '../testing';
import { dosDateTime, writeStoredZip } from './stored-zip.writer';

describe('stored zip writer', () => {
  const modified = new Date('2026-05-17T10:20:31Z');

  it('writes entries that an independent reader returns byte-for-byte (CRC-32 checked)', () => {
    const entries = [
      { name: 'pass.json', data: Buffer.from('{"formatVersion":1}') },
      { name: 'icon.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 255]) },
      { name: 'de.lproj/pass.strings', data: Buffer.from('"a" = "ä";', 'utf8') },
      { name: 'empty.txt', data: Buffer.alloc(0) },
    ];
    const files = readZip(writeStoredZip(entries, modified));
    expect(Object.keys(files)).toEqual(entries.map((entry) => entry.name));
    for (const entry of entries) expect(files[entry.name].equals(entry.data)).toBe(true);
  });

  it('stores (method 0) with UTF-8 names flagged, sizes equal, and an end record pointing at the directory', () => {
    const zip = writeStoredZip([{ name: 'zh-Hans.lproj/标志.png', data: Buffer.from('abc') }], modified);
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    expect(zip.readUInt16LE(6) & 0x0800).toBe(0x0800);
    expect(zip.readUInt16LE(8)).toBe(0);
    expect(zip.readUInt32LE(18)).toBe(3);
    expect(zip.readUInt32LE(22)).toBe(3);
    const end = zip.length - 22;
    expect(zip.readUInt32LE(end)).toBe(0x06054b50);
    expect(zip.readUInt32LE(zip.readUInt32LE(end + 16))).toBe(0x02014b50);
    expect(Object.keys(readZip(zip))).toEqual(['zh-Hans.lproj/标志.png']);
  });

  it('encodes the MS-DOS timestamp from the UTC wall clock', () => {
    const { time, date } = dosDateTime(modified);
    expect(date >> 9).toBe(2026 - 1980);
    expect((date >> 5) & 0xf).toBe(5);
    expect(date & 0x1f).toBe(17);
    expect(time >> 11).toBe(10);
    expect((time >> 5) & 0x3f).toBe(20);
    expect((time & 0x1f) * 2).toBe(30);
    expect(dosDateTime(new Date('1970-01-01T00:00:00Z'))).toEqual({ time: 0, date: 33 });
  });

  it('produces an empty but valid archive for no entries', () => {
    expect(readZip(writeStoredZip([], modified))).toEqual({});
  });
});
