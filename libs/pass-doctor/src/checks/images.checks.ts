import { InvalidPngError, readPngInfo } from '@wp/pkpass';
import { Problem, problem } from '../problems';

/** Largest size Wallet shows each image role at, in points (Apple's Wallet design guide). */
const MAX_POINTS: Record<string, { width: number; height: number }> = {
  icon: { width: 38, height: 38 },
  logo: { width: 160, height: 50 },
  thumbnail: { width: 90, height: 90 },
  strip: { width: 375, height: 144 },
  background: { width: 180, height: 220 },
  footer: { width: 286, height: 15 },
};
const MIN_ICON_POINTS = 29;
// `strip@2x.png` or `fr.lproj/logo@3x.png`: the role, then the optional scale.
const IMAGE_NAME = /^(?:[^/]+\.lproj\/)?([a-z]+)(?:@([23])x)?\.png$/;

/** Wallet refuses a pass without icon.png (at the top or in a localisation folder). */
export function checkIcon(names: Iterable<string>): Problem[] {
  for (const name of names) if (/^(?:[^/]+\.lproj\/)?icon\.png$/.test(name)) return [];
  return [problem('missing_icon', 'The bundle has no icon.png. Every pass needs one (29×29 points; add icon@2x.png at 58×58 and icon@3x.png at 87×87); Wallet refuses the pass without it.', 'icon.png')];
}

/** Images of a known role that are not PNGs or are larger than Wallet shows them. */
export function checkImageSizes(files: Map<string, Buffer>): Problem[] {
  const problems: Problem[] = [];
  for (const [name, data] of files) {
    const match = IMAGE_NAME.exec(name);
    const limit = match ? MAX_POINTS[match[1]] : undefined;
    if (!match || !limit) continue;
    const scale = Number(match[2] ?? 1);
    let width: number;
    let height: number;
    try {
      ({ width, height } = readPngInfo(data));
    } catch (error) {
      if (!(error instanceof InvalidPngError)) throw error;
      problems.push(problem('image_wrong_size', `${name} is not a readable PNG; Wallet shows nothing in its place. Export it as PNG.`, name));
      continue;
    }
    const maxWidth = limit.width * scale;
    const maxHeight = limit.height * scale;
    if (width > maxWidth || height > maxHeight) {
      problems.push(problem('image_wrong_size', `${name} is ${width}×${height} px; at @${scale}x Wallet shows at most ${maxWidth}×${maxHeight}, so it is scaled down or cropped. Resize it.`, name));
    } else if (match[1] === 'icon' && (width !== height || width < MIN_ICON_POINTS * scale)) {
      problems.push(problem('image_wrong_size', `${name} is ${width}×${height} px; an icon should be square and at least ${MIN_ICON_POINTS * scale}×${MIN_ICON_POINTS * scale} at @${scale}x.`, name));
    }
  }
  return problems;
}
