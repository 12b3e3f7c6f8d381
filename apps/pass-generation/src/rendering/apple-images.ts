import { builtInImages } from '@wp/pkpass';
import { EntityManager, In } from 'typeorm';
import { APPLE_IMAGE_ROLES, AppleImageRole, SCALES, scaledName } from '../assets/asset-names';
import { Asset } from '../assets/asset.entity';
import type { AppleAssetNames } from './pass-look';

/**
 * The images of an Apple pass: for each role its kind shows (`roles`, all by default) the
 * tenant's upload named by the style, with its @2x/@3x uploads when present, else the
 * built-in image (icon, logo and strip have one). Wallet requires the icon, so a style
 * without assets still yields a complete pass.
 */
export async function appleImages(
  manager: EntityManager,
  tenantId: string,
  names: AppleAssetNames,
  options: { strip?: boolean; roles?: readonly AppleImageRole[] } = {},
): Promise<Record<string, Buffer>> {
  const roles = APPLE_IMAGE_ROLES.filter((role) => !options.roles || options.roles.includes(role));
  const wanted = roles.flatMap((role) => {
    const name = names[role];
    return name ? SCALES.map((scale) => scaledName(name, scale)) : [];
  });
  const uploads = new Map<string, Buffer>();
  if (wanted.length > 0) {
    const rows = await manager
      .getRepository(Asset)
      .createQueryBuilder('a')
      .select(['a.filename', 'a.data'])
      .addSelect('a.data')
      .where({ tenantId, filename: In(wanted) })
      .getMany();
    for (const row of rows) uploads.set(row.filename, row.data);
  }
  const builtIn = builtInImages();
  const files: Record<string, Buffer> = {};
  for (const role of roles) {
    if (role === 'strip' && options.strip === false) continue;
    const name = names[role];
    const upload = name ? uploads.get(name) : undefined;
    for (const scale of SCALES) {
      const image = upload ? (scale ? uploads.get(scaledName(name as string, scale)) : upload) : builtIn[`${role}${scale}.png`];
      if (image) files[`${role}${scale}.png`] = image;
    }
  }
  return files;
}
