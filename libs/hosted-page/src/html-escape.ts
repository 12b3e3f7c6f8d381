// Escaping itself is the templates' (views.ts, eta auto-escaping); these decide which
// links and images may appear at all.

/**
 * A link target for an href, or null. Only http(s) URLs and same-origin paths pass:
 * `javascript:`/`data:` links would run or render attacker content on our origin.
 */
export function safeHref(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (trimmed.startsWith('/') && !trimmed.startsWith('//') && !trimmed.startsWith('/\\')) return trimmed;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

// Raster or SVG images only; an SVG in <img> cannot run script or load anything.
const IMAGE_DATA_URI = /^data:image\/(?:png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/;

/** The logo only as an inline data URI, so the page never fetches anything from elsewhere. */
export function safeImageDataUri(value: string | null | undefined): string | null {
  return value && IMAGE_DATA_URI.test(value) ? value : null;
}
