export interface Rgb {
  r: number;
  g: number;
  b: number;
}

const NAMED: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  purple: '#800080',
  navy: '#000080',
  teal: '#008080',
  maroon: '#800000',
  olive: '#808000',
  silver: '#c0c0c0',
  gray: '#808080',
  grey: '#808080',
  gold: '#ffd700',
  pink: '#ffc0cb',
};

const NUMBER = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)`;
const RGB_FN = new RegExp(String.raw`^rgba?\(\s*(${NUMBER}%?)\s*[,\s]\s*(${NUMBER}%?)\s*[,\s]\s*(${NUMBER}%?)\s*(?:[,/]\s*${NUMBER}%?\s*)?\)$`, 'i');
const HSL_FN = new RegExp(String.raw`^hsla?\(\s*(${NUMBER})(?:deg)?\s*[,\s]\s*(${NUMBER})%\s*[,\s]\s*(${NUMBER})%\s*(?:[,/]\s*${NUMBER}%?\s*)?\)$`, 'i');

/**
 * Parses the CSS colour forms brands and pass.json use (#rgb, #rrggbb, with or without
 * alpha, rgb()/rgba(), hsl()/hsla(), common names). Alpha is ignored: the card is opaque.
 * Returns null for anything else, so that no raw tenant string ever reaches the stylesheet.
 */
export function parseCssColor(value: string): Rgb | null {
  const input = value.trim().toLowerCase();
  const hex = NAMED[input] ?? input;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])[0-9a-f]?$/.exec(hex);
  if (short) return { r: parseInt(short[1] + short[1], 16), g: parseInt(short[2] + short[2], 16), b: parseInt(short[3] + short[3], 16) };
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})(?:[0-9a-f]{2})?$/.exec(hex);
  if (long) return { r: parseInt(long[1], 16), g: parseInt(long[2], 16), b: parseInt(long[3], 16) };
  const rgb = RGB_FN.exec(input);
  if (rgb) return { r: channel(rgb[1]), g: channel(rgb[2]), b: channel(rgb[3]) };
  const hsl = HSL_FN.exec(input);
  if (hsl) return hslToRgb(Number(hsl[1]), Number(hsl[2]), Number(hsl[3]));
  return null;
}

export function toCssRgb({ r, g, b }: Rgb): string {
  return `rgb(${r}, ${g}, ${b})`;
}

/** WCAG 2.x contrast ratio between two colours, from 1 (same) to 21 (black on white). */
export function contrastRatio(a: string | Rgb, b: string | Rgb): number {
  const la = relativeLuminance(toRgb(a));
  const lb = relativeLuminance(toRgb(b));
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** WCAG AA for normal text. */
export const MIN_TEXT_CONTRAST = 4.5;

/** `preferred` when it is readable on `background`; otherwise black or white, whichever reads better. */
export function readableTextColor(preferred: Rgb, background: Rgb): Rgb {
  if (contrastRatio(preferred, background) >= MIN_TEXT_CONTRAST) return preferred;
  const black = { r: 0, g: 0, b: 0 };
  const white = { r: 255, g: 255, b: 255 };
  return contrastRatio(black, background) >= contrastRatio(white, background) ? black : white;
}

function toRgb(value: string | Rgb): Rgb {
  if (typeof value !== 'string') return value;
  const parsed = parseCssColor(value);
  if (!parsed) throw new TypeError(`Not a CSS colour: ${JSON.stringify(value)}`);
  return parsed;
}

function relativeLuminance({ r, g, b }: Rgb): number {
  const linear = (c: number): number => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function channel(token: string): number {
  const value = token.endsWith('%') ? (Number(token.slice(0, -1)) / 100) * 255 : Number(token);
  return clampByte(value);
}

function clampByte(value: number): number {
  return Math.round(Math.min(255, Math.max(0, value)));
}

function hslToRgb(hueDeg: number, satPct: number, lightPct: number): Rgb {
  const h = (((hueDeg % 360) + 360) % 360) / 360;
  const s = Math.min(100, Math.max(0, satPct)) / 100;
  const l = Math.min(100, Math.max(0, lightPct)) / 100;
  const f = (n: number): number => {
    const k = (n + h * 12) % 12;
    return l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return { r: clampByte(f(0) * 255), g: clampByte(f(8) * 255), b: clampByte(f(4) * 255) };
}
