/** An sRGB colour, channels 0–255. */
export interface Rgb {
  r: number;
  g: number;
  b: number;
}

const HEX_SHORT = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i;
const HEX_LONG = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i;
const RGB_FN = /^rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)$/i;

/** Reads `rgb(r, g, b)`, `#RGB` or `#RRGGBB` (the forms the API accepts); null for anything else. */
export function parseBrandColor(value: string): Rgb | null {
  const input = value.trim();
  const short = HEX_SHORT.exec(input);
  if (short) return { r: parseInt(short[1] + short[1], 16), g: parseInt(short[2] + short[2], 16), b: parseInt(short[3] + short[3], 16) };
  const long = HEX_LONG.exec(input);
  if (long) return { r: parseInt(long[1], 16), g: parseInt(long[2], 16), b: parseInt(long[3], 16) };
  const fn = RGB_FN.exec(input);
  if (fn) {
    const [r, g, b] = [fn[1], fn[2], fn[3]].map(Number);
    if ([r, g, b].every((channel) => channel <= 255)) return { r, g, b };
  }
  return null;
}

/** Apple's pass.json colour form: `rgb(r, g, b)` (hex only works on newer iOS). */
export function appleColor({ r, g, b }: Rgb): string {
  return `rgb(${r}, ${g}, ${b})`;
}

/** Google's `hexBackgroundColor` form: `#rrggbb`. */
export function googleColor({ r, g, b }: Rgb): string {
  return `#${[r, g, b].map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
}
