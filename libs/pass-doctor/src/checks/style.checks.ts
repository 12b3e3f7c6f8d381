import { APPLE_STYLE_RULES, APPLE_TRANSIT_TYPES, AppleStyleKey, unusedImageRoles } from '@wp/pkpass';
import { Problem, problem } from '../problems';
import type { PassJson } from './pass-json.checks';

const FILE = 'pass.json';
// `strip@2x.png` or `fr.lproj/logo@3x.png`: the role, then the optional scale.
const IMAGE_NAME = /^(?:[^/]+\.lproj\/)?([a-z]+)(?:@[23]x)?\.png$/;

/**
 * What Apple asks of each pass style: a boarding pass names its transit type, each style
 * draws only some images (an event ticket a strip or else background and thumbnail), and
 * the primary area has room for one field (two on a boarding pass).
 */
export function checkStyleRules(pass: PassJson, fileNames: Iterable<string>): Problem[] {
  const styles = (Object.keys(APPLE_STYLE_RULES) as AppleStyleKey[]).filter((key) => pass[key] !== undefined);
  if (styles.length !== 1) return []; // missing_required_key already says so
  const style = styles[0];
  const section = (typeof pass[style] === 'object' && pass[style] !== null ? pass[style] : {}) as Record<string, unknown>;
  const problems: Problem[] = [];
  if (style === 'boardingPass') {
    if (section.transitType === undefined) {
      problems.push(problem('missing_required_key', `A boardingPass needs "transitType" (one of ${APPLE_TRANSIT_TYPES.join(', ')}); Wallet refuses the pass without it.`, FILE));
    } else if (!(APPLE_TRANSIT_TYPES as readonly unknown[]).includes(section.transitType)) {
      problems.push(problem('invalid_transit_type', `boardingPass.transitType is ${JSON.stringify(section.transitType)}; use one of ${APPLE_TRANSIT_TYPES.join(', ')}.`, FILE));
    }
  } else if (section.transitType !== undefined) {
    problems.push(problem('invalid_transit_type', `${style}.transitType has no meaning outside a boardingPass; remove it, or make the pass a boardingPass.`, FILE, 'warning'));
  }
  const primary = section.primaryFields;
  const room = APPLE_STYLE_RULES[style].maxPrimaryFields;
  if (Array.isArray(primary) && primary.length > room) {
    problems.push(problem('too_many_fields', `${style}.primaryFields has ${primary.length} fields; a ${style} shows ${room}, the rest are not displayed. Move them to secondaryFields or auxiliaryFields.`, FILE));
  }
  const roles = new Set<string>();
  for (const name of fileNames) {
    const match = IMAGE_NAME.exec(name);
    if (match) roles.add(match[1]);
  }
  for (const { role, reason } of unusedImageRoles(style, roles)) {
    problems.push(problem('image_not_used_by_style', `${role}.png is in the bundle but Wallet will not show it: ${reason}. Remove it or change the pass style.`, `${role}.png`));
  }
  return problems;
}
