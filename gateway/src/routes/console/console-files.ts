import { DomainError } from '@wp/contracts';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The console's policy: its own scripts only; inline style attributes (React and the chart
 * library set them); images from the API (asset previews) and data:/blob: URLs (uploads
 * being previewed); API calls to this origin only; never framed.
 */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/** Where tools/build.mjs puts the Vite bundle: dist/console, beside dist/gateway. */
export const CONSOLE_DIR = path.resolve(__dirname, '../../../../console');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface ConsoleFile {
  body: Buffer;
  contentType: string;
  /** Hashed bundle files never change; the page that names them is checked every time. */
  cacheControl: string;
}

/** Only Vite's flat `assets/<name>.<hash>.<ext>` names: nothing else on disk is reachable. */
const ASSET = /^assets\/[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * A path under /console: a bundle file, or, for anything else (a client-side route such as
 * /console/t/{id}/members), the app's index.html so the router can draw it.
 */
export async function consoleFile(relative: string, dir = CONSOLE_DIR): Promise<ConsoleFile> {
  if (relative.startsWith('assets/')) {
    const type = TYPES[path.extname(relative)];
    if (!ASSET.test(relative) || !type) throw DomainError.notFound('Console file');
    const body = await readFile(path.join(dir, relative)).catch(() => null);
    if (!body) throw DomainError.notFound('Console file');
    return { body, contentType: type, cacheControl: 'public, max-age=31536000, immutable' };
  }
  const index = await readFile(path.join(dir, 'index.html')).catch(() => null);
  if (!index) throw new DomainError('unavailable', 'The console is not built: run `npm run build` (npm start and npm test build it)', undefined, 60);
  return { body: index, contentType: 'text/html; charset=utf-8', cacheControl: 'no-cache' };
}
