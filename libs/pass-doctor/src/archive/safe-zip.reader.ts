import { crc32, inflateRawSync } from 'node:zlib';
import { Problem, problem } from '../problems';

export interface ZipLimits {
  /** Entries read at most; a real pass has a few dozen files. */
  maxEntries: number;
  /** Bytes all entries may inflate to together: the zip-bomb cap. */
  maxInflatedBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 1000, maxInflatedBytes: 64 * 1024 * 1024 };

export interface ZipContents {
  /** Readable regular files by name, in archive order. */
  files: Map<string, Buffer>;
  problems: Problem[];
  /** False when the archive could not be read at all (the problems say why). */
  readable: boolean;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_LENGTH = 22;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8 = 0x0800;
const ZIP64_MARKER = 0xffffffff;

class Truncated extends Error {}

/**
 * Reads a zip from an untrusted caller without trusting any of it: every offset is bounds
 * checked, inflation stops at the remaining budget (so a bomb costs at most the cap), names
 * that could escape a folder are refused, and nothing is extracted recursively. A broken
 * archive becomes a problem, never an exception.
 */
export function readZipSafely(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipContents {
  const files = new Map<string, Buffer>();
  const problems: Problem[] = [];
  const fail = (code: 'not_a_zip' | 'archive_too_large', message: string): ZipContents => ({
    files,
    problems: [...problems, problem(code, message)],
    readable: false,
  });
  const at = (offset: number, length: number) => {
    if (offset < 0 || offset + length > buf.length) throw new Truncated();
    return offset;
  };

  const eocd = findEndOfCentralDirectory(buf);
  if (eocd < 0) return fail('not_a_zip', 'The file is not a zip archive. A .pkpass is a zip of pass.json, images, manifest.json and signature; export it again from your pass tool.');
  let budget = limits.maxInflatedBytes;
  try {
    const count = buf.readUInt16LE(at(eocd + 10, 2));
    const centralOffset = buf.readUInt32LE(at(eocd + 16, 4));
    if (centralOffset === ZIP64_MARKER) return fail('not_a_zip', 'The archive is a ZIP64 file; Wallet reads plain zip archives only. Zip the pass files again without ZIP64.');
    if (count > limits.maxEntries) return fail('archive_too_large', `The archive has ${count} entries; a pass has a few dozen files at most (limit ${limits.maxEntries}).`);
    let cursor = centralOffset;
    for (let i = 0; i < count; i++) {
      if (buf.readUInt32LE(at(cursor, 46)) !== CENTRAL_SIGNATURE) throw new Truncated();
      const flags = buf.readUInt16LE(cursor + 8);
      const method = buf.readUInt16LE(cursor + 10);
      const crc = buf.readUInt32LE(cursor + 16);
      const compressedSize = buf.readUInt32LE(cursor + 20);
      const size = buf.readUInt32LE(cursor + 24);
      const nameLength = buf.readUInt16LE(cursor + 28);
      const extraLength = buf.readUInt16LE(cursor + 30);
      const commentLength = buf.readUInt16LE(cursor + 32);
      const localOffset = buf.readUInt32LE(cursor + 42);
      const name = buf.toString(flags & FLAG_UTF8 ? 'utf8' : 'latin1', at(cursor + 46, nameLength), cursor + 46 + nameLength);
      cursor += 46 + nameLength + extraLength + commentLength;

      if (name.endsWith('/')) continue; // a folder entry carries no data
      if (!isSafeName(name)) {
        problems.push(problem('unsafe_file_name', `The archive holds a file named ${JSON.stringify(name)}, which could escape the pass folder. Remove it and zip the pass folder's contents again.`, name));
        continue;
      }
      if (files.has(name)) {
        problems.push(problem('duplicate_file', `The archive holds ${name} twice; Wallet cannot tell which one counts. Zip the pass folder again.`, name));
        continue;
      }
      if (flags & FLAG_ENCRYPTED || (method !== 0 && method !== 8)) {
        problems.push(problem('unreadable_file', `${name} is encrypted or uses compression method ${method}; Wallet reads stored or deflated files only.`, name));
        continue;
      }
      if (size > budget || compressedSize > buf.length) return fail('archive_too_large', tooLarge(limits));
      if (buf.readUInt32LE(at(localOffset, 30)) !== LOCAL_SIGNATURE) throw new Truncated();
      const start = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
      const raw = buf.subarray(at(start, compressedSize), start + compressedSize);
      let data: Buffer;
      if (method === 0) {
        data = Buffer.from(raw);
      } else {
        try {
          // One byte past the budget tells "exactly the budget" from "more than allowed".
          data = inflateRawSync(raw, { maxOutputLength: budget + 1 });
        } catch (error) {
          if (errorCode(error) === 'ERR_BUFFER_TOO_LARGE') return fail('archive_too_large', tooLarge(limits));
          problems.push(problem('unreadable_file', `${name} cannot be decompressed (the archive is damaged). Zip the pass again.`, name));
          continue;
        }
      }
      if (data.length > budget) return fail('archive_too_large', tooLarge(limits));
      if (data.length !== size || crc32(data) !== crc) {
        problems.push(problem('unreadable_file', `${name} is damaged (its size or CRC-32 does not match the zip directory). Zip the pass again.`, name));
        continue;
      }
      budget -= data.length;
      if (isArchive(name, data)) {
        problems.push(problem('nested_archive', `${name} is an archive inside the pass; Wallet does not open nested archives. Put its files in the pass folder itself or remove it.`, name));
      }
      files.set(name, data);
    }
  } catch (error) {
    if (error instanceof Truncated || errorCode(error) === 'ERR_OUT_OF_RANGE' || errorCode(error) === 'ERR_BUFFER_OUT_OF_BOUNDS') {
      return fail('not_a_zip', 'The zip archive is truncated or damaged (its directory points past the end of the file). Download or export the pass again.');
    }
    throw error;
  }
  return { files, problems, readable: true };
}

// Node's errors are matched by code: `instanceof RangeError` fails across VM contexts.
function errorCode(error: unknown): unknown {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function tooLarge(limits: ZipLimits): string {
  return `The archive inflates to more than ${Math.round(limits.maxInflatedBytes / 1024 / 1024)} MiB; a pass is a few hundred KiB of JSON and images. Shrink the images.`;
}

function findEndOfCentralDirectory(buf: Buffer): number {
  // The end record is 22 bytes plus a comment of at most 65,535 bytes.
  for (let offset = buf.length - EOCD_LENGTH; offset >= Math.max(0, buf.length - EOCD_LENGTH - 0xffff); offset--) {
    if (buf.readUInt32LE(offset) === EOCD_SIGNATURE) return offset;
  }
  return -1;
}

/** Relative, forward-slash names without `.`/`..` segments, drive letters or control bytes. */
export function isSafeName(name: string): boolean {
  if (name.length === 0 || name.startsWith('/') || name.includes('\\') || /^[A-Za-z]:/.test(name)) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(name)) return false;
  return name.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

function isArchive(name: string, data: Buffer): boolean {
  return /\.(zip|pkpass|pkpasses)$/i.test(name) || (data.length >= 4 && data.readUInt32LE(0) === LOCAL_SIGNATURE);
}
