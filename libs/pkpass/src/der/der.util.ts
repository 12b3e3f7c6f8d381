// Minimal DER (X.690) reading and writing: enough to lift issuer/serial/subject/validity out
// of an X.509 certificate and to lay out a CMS SignedData around precomputed bytes.

export const DerTag = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  T61_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

export class DerError extends Error {
  override readonly name = 'DerError';
}

export interface DerNode {
  tag: number;
  /** Offset of the tag byte inside `source`. */
  start: number;
  /** Offset of the first content byte. */
  contentStart: number;
  /** Offset just past the last content byte. */
  end: number;
  source: Buffer;
}

/** Reads one TLV at `offset`. Only definite lengths are accepted, as DER requires. */
export function readDer(source: Buffer, offset = 0): DerNode {
  if (offset + 2 > source.length) throw new DerError('truncated DER: no room for tag and length');
  const tag = source[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte DER tags are not supported');
  let cursor = offset + 1;
  const first = source[cursor++];
  let length: number;
  if (first < 0x80) {
    length = first;
  } else {
    const count = first & 0x7f;
    if (count === 0) throw new DerError('indefinite DER length');
    if (count > 4) throw new DerError('DER length too large');
    if (cursor + count > source.length) throw new DerError('truncated DER length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + source[cursor++];
  }
  const end = cursor + length;
  if (end > source.length) throw new DerError('truncated DER content');
  return { tag, start: offset, contentStart: cursor, end, source };
}

export function derChildren(node: DerNode): DerNode[] {
  const children: DerNode[] = [];
  let cursor = node.contentStart;
  while (cursor < node.end) {
    const child = readDer(node.source, cursor);
    if (child.end > node.end) throw new DerError('DER child overruns its parent');
    children.push(child);
    cursor = child.end;
  }
  return children;
}

export function derBytes(node: DerNode): Buffer {
  return node.source.subarray(node.start, node.end);
}

export function derContent(node: DerNode): Buffer {
  return node.source.subarray(node.contentStart, node.end);
}

export function expectTag(node: DerNode, tag: number, what: string): DerNode {
  if (node.tag !== tag) {
    throw new DerError(`${what}: expected tag 0x${tag.toString(16)}, found 0x${node.tag.toString(16)}`);
  }
  return node;
}

export function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** Encodes a TLV whose content is the concatenation of `parts`. */
export function der(tag: number, ...parts: Buffer[]): Buffer {
  const content = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

export function encodeOid(dotted: string): Buffer {
  const arcs = dotted.split('.').map((arc) => {
    if (!/^\d+$/.test(arc)) throw new DerError(`invalid OID ${dotted}`);
    return BigInt(arc);
  });
  if (arcs.length < 2) throw new DerError(`invalid OID ${dotted}`);
  const values = [arcs[0] * 40n + arcs[1], ...arcs.slice(2)];
  const bytes: number[] = [];
  for (const value of values) {
    const chunk: number[] = [Number(value & 0x7fn)];
    for (let rest = value >> 7n; rest > 0n; rest >>= 7n) chunk.unshift(Number(rest & 0x7fn) | 0x80);
    bytes.push(...chunk);
  }
  return der(DerTag.OID, Buffer.from(bytes));
}

export function decodeOid(node: DerNode): string {
  expectTag(node, DerTag.OID, 'OID');
  const content = derContent(node);
  const values: bigint[] = [];
  let value = 0n;
  for (const byte of content) {
    value = (value << 7n) | BigInt(byte & 0x7f);
    if ((byte & 0x80) === 0) {
      values.push(value);
      value = 0n;
    }
  }
  if (values.length === 0) throw new DerError('empty OID');
  const first = values[0];
  const head = first < 80n ? [first / 40n, first % 40n] : [2n, first - 80n];
  return [...head, ...values.slice(1)].join('.');
}

/** Decodes the string types X.509 names use in practice. */
export function decodeDirectoryString(node: DerNode): string {
  const content = derContent(node);
  switch (node.tag) {
    case DerTag.UTF8_STRING:
      return content.toString('utf8');
    case DerTag.PRINTABLE_STRING:
    case DerTag.IA5_STRING:
      return content.toString('ascii');
    case DerTag.T61_STRING:
      return content.toString('latin1');
    case DerTag.BMP_STRING:
      return Buffer.from(content).swap16().toString('utf16le');
    case DerTag.UNIVERSAL_STRING: {
      let text = '';
      for (let i = 0; i + 4 <= content.length; i += 4) text += String.fromCodePoint(content.readUInt32BE(i));
      return text;
    }
    default:
      throw new DerError(`unsupported directory string tag 0x${node.tag.toString(16)}`);
  }
}

/** Parses a DER UTCTime or GeneralizedTime (always Zulu in certificates). */
export function decodeTime(node: DerNode): Date {
  const text = derContent(node).toString('ascii');
  const utc = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (node.tag === DerTag.UTC_TIME && utc) {
    const yy = Number(utc[1]);
    // RFC 5280 §4.1.2.5.1: two-digit years 50-99 are 19xx, 00-49 are 20xx.
    const year = yy >= 50 ? 1900 + yy : 2000 + yy;
    return new Date(Date.UTC(year, Number(utc[2]) - 1, Number(utc[3]), Number(utc[4]), Number(utc[5]), Number(utc[6])));
  }
  const generalized = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (node.tag === DerTag.GENERALIZED_TIME && generalized) {
    const [, y, mo, d, h, mi, s] = generalized.map(Number);
    return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  }
  throw new DerError('invalid certificate time');
}

/**
 * Encodes a time as CMS/X.509 want it: UTCTime for 1950–2049, GeneralizedTime otherwise
 * (RFC 5652 §11.3 signingTime follows the same rule as RFC 5280).
 */
export function encodeTime(date: Date): Buffer {
  const year = date.getUTCFullYear();
  const rest = [date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()]
    .map((n) => String(n).padStart(2, '0'))
    .join('');
  if (year >= 1950 && year <= 2049) {
    return der(DerTag.UTC_TIME, Buffer.from(`${String(year % 100).padStart(2, '0')}${rest}Z`, 'ascii'));
  }
  return der(DerTag.GENERALIZED_TIME, Buffer.from(`${String(year).padStart(4, '0')}${rest}Z`, 'ascii'));
}
