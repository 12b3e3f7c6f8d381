import { builtInImages } from '@wp/pkpass';
import { createHash } from 'node:crypto';

/** Where Google fetches an image from: public and named by content, so it never goes stale. */
export function publicImageUrl(publicBaseUrl: string, sha256: string): string {
  return `${publicBaseUrl}/v1/assets/public/${sha256}.png`;
}

export const sha256Hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

let builtIns: Map<string, Buffer> | undefined;

/** The built-in images by SHA-256, for the programme logo of a tenant that uploaded none. */
export function builtInImagesBySha(): Map<string, Buffer> {
  builtIns ??= new Map(Object.values(builtInImages()).map((bytes) => [sha256Hex(bytes), bytes]));
  return builtIns;
}

/** A square image for Google's round programme logo. */
export function builtInProgrammeLogo(): Buffer {
  return builtInImages()['icon@3x.png'];
}
