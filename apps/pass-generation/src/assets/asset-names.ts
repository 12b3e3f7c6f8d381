/** Apple's image roles (each pass style shows some of them), and the resolutions Wallet picks from. */
export const APPLE_IMAGE_ROLES = ['icon', 'logo', 'strip', 'thumbnail', 'background', 'footer'] as const;
export type AppleImageRole = (typeof APPLE_IMAGE_ROLES)[number];
export const SCALES = ['', '@2x', '@3x'] as const;

/** `logo.png` → `logo@2x.png`: where a tenant's higher-resolution upload of an asset is found. */
export function scaledName(filename: string, scale: (typeof SCALES)[number]): string {
  if (!scale) return filename;
  return /\.png$/i.test(filename) ? filename.replace(/\.png$/i, `${scale}.png`) : `${filename}${scale}`;
}

/** Every uploaded name a style's asset name may draw on (the file and its @2x/@3x versions). */
export function assetVariants(filename: string): string[] {
  return SCALES.map((scale) => scaledName(filename, scale));
}
