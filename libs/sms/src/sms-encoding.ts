// GSM 03.38 default alphabet. ESC (0x1B) is left out on purpose: it only introduces the
// extension table and never stands for a character of its own in user text.
const GSM7_BASIC = new Set(
  Array.from(
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
      '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
  ),
);
// Extension table: each of these costs two septets (ESC + code).
const GSM7_EXTENDED = new Set(Array.from('^{}\\[~]|€\f'));

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsEncodingInfo {
  encoding: SmsEncoding;
  /** Septets for GSM-7, UTF-16 code units for UCS-2 (what carriers bill on). */
  units: number;
  segments: number;
  /** The most units a single-segment message of this encoding can hold. */
  singleSegmentLimit: number;
}

export function isGsm7Char(char: string): boolean {
  return GSM7_BASIC.has(char) || GSM7_EXTENDED.has(char);
}

/** How a carrier will encode `text`, and how many segments (billed messages) it becomes. */
export function smsEncodingInfo(text: string): SmsEncodingInfo {
  let septets = 0;
  for (const char of text) {
    if (GSM7_BASIC.has(char)) septets += 1;
    else if (GSM7_EXTENDED.has(char)) septets += 2;
    else return ucs2Info(text);
  }
  // Concatenated messages spend 7 septets of each segment on the UDH header.
  const segments = septets <= 160 ? 1 : Math.ceil(septets / 153);
  return { encoding: 'GSM-7', units: septets, segments, singleSegmentLimit: 160 };
}

function ucs2Info(text: string): SmsEncodingInfo {
  const units = text.length;
  const segments = units <= 70 ? 1 : Math.ceil(units / 67);
  return { encoding: 'UCS-2', units, segments, singleSegmentLimit: 70 };
}

const TYPOGRAPHIC: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00A0': ' ',
};

/**
 * Replaces characters outside GSM-7 by their closest GSM-7 look-alike where one exists
 * (curly quotes, dashes, accents the alphabet lacks, like ë → e). One such character would
 * otherwise switch the whole SMS to UCS-2, cutting a segment from 160 to 70 characters and
 * multiplying its price. Characters with no look-alike (emoji, CJK) are kept as they are.
 */
export function foldToGsm7(text: string): string {
  let out = '';
  for (const char of text) {
    if (isGsm7Char(char)) {
      out += char;
      continue;
    }
    const typographic = TYPOGRAPHIC[char];
    if (typographic !== undefined) {
      out += typographic;
      continue;
    }
    const stripped = char.normalize('NFD').replace(/\p{M}/gu, '');
    out += stripped.length > 0 && Array.from(stripped).every(isGsm7Char) ? stripped : char;
  }
  return out;
}
