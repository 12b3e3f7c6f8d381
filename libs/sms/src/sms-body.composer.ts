import { foldToGsm7, smsEncodingInfo } from './sms-encoding';

export interface SmsBodyInput {
  companyName: string;
  memberName?: string | null;
  shortUrl: string;
}

// Below these lengths a truncated name stops being recognisable; the composer then drops
// the greeting or moves to a shorter sentence instead.
const MIN_MEMBER_CHARS = 3;
const MIN_COMPANY_CHARS = 3;
// Bounds the truncation search; no real brand or first name comes near it.
const MAX_NAME_CHARS = 100;

type Render = (slot: string) => string;

/**
 * The text of the "add your pass" SMS. It aims for one segment (160 GSM-7 characters) by
 * shortening, in this order: the member's first name, the greeting, the company name, the
 * sentence. The URL is never shortened or altered: a message whose link does not work is
 * worthless, and one that is two segments long merely costs twice.
 */
export function composeSmsBody(input: SmsBodyInput): string {
  const url = input.shortUrl.trim();
  const company = cleanName(input.companyName);
  const firstName = cleanName(input.memberName ?? '').split(' ')[0] ?? '';
  const prefix = (c: string): string => (c ? `${c}: ` : '');

  const greeting: Render = (name) =>
    `${prefix(company)}Hi ${name}, your loyalty card is ready. Add it to your wallet: ${url}`;
  const plain: Render = (c) => `${prefix(c)}Your loyalty card is ready. Add it to your wallet: ${url}`;
  const short: Render = (c) => `${prefix(c)}Add your loyalty card to your wallet: ${url}`;

  if (firstName) {
    const body = fitOneSegment(greeting, firstName, MIN_MEMBER_CHARS);
    if (body) return body;
  }
  for (const render of [plain, short]) {
    const body = fitOneSegment(render, company, MIN_COMPANY_CHARS);
    if (body) return body;
  }
  return short(company);
}

/** Renders with the longest cut of `value` (down to `minChars`, or all of a shorter value) that fits one segment. */
function fitOneSegment(render: Render, value: string, minChars: number): string | null {
  const length = Array.from(value).length;
  const shortest = Math.min(minChars, length);
  for (let n = length; n >= shortest; n--) {
    const text = render(truncate(value, n, shortest));
    if (smsEncodingInfo(text).segments === 1) return text;
  }
  return null;
}

function truncate(value: string, maxChars: number, minChars: number): string {
  const chars = Array.from(value);
  if (chars.length <= maxChars) return value;
  let cut = chars.slice(0, maxChars).join('');
  // Prefer ending on a whole word ("Acme Coffee", not "Acme Coffee Ro").
  const lastSpace = cut.lastIndexOf(' ');
  if (chars[maxChars] !== ' ' && lastSpace >= minChars) cut = cut.slice(0, lastSpace);
  return cut.replace(/[\s,;:.-]+$/u, '');
}

function cleanName(value: string): string {
  // Line breaks and control characters would break the message's layout on the phone.
  const flat = value.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ').replace(/\s+/gu, ' ').trim();
  return Array.from(foldToGsm7(flat)).slice(0, MAX_NAME_CHARS).join('').replace(/[\s,;:]+$/u, '');
}
