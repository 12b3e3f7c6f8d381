import { EntityManager, In } from 'typeorm';
import { holderOf } from '../rendering/pass-holder';
import { placeholderValues } from '../rendering/pass-json.builder';
import { renderPlaceholders } from '../rendering/placeholder.renderer';
import { PassStyle } from '../styles/pass-style.entity';
import { lookOfPass } from '../styles/style-look';
import { Pass } from './pass.entity';

/** Longer messages are not kept (a till could not match them anyway); the serial still finds the pass. */
const MAX_STORED = 512;

/** The barcode message a pass shows with `style`, as a till reads it. */
export function barcodeMessageOf(pass: Pass, style: PassStyle | null): string | null {
  const look = lookOfPass(pass, style);
  const message = renderPlaceholders(look.barcode.message, placeholderValues(holderOf(pass), pass.companyName));
  return message.length > 0 && message.length <= MAX_STORED ? message : null;
}

/**
 * Keeps `barcode_message` true for passes that just got a new version (their style or
 * member data may have changed it), so GET /v1/scan/{code} finds them by what they show.
 */
export async function refreshBarcodeMessages(tx: EntityManager, passes: Pass[]): Promise<void> {
  if (passes.length === 0) return;
  const styleIds = [...new Set(passes.map((pass) => pass.renderedStyleId).filter((id): id is string => id !== null))];
  const styles = styleIds.length ? await tx.getRepository(PassStyle).findBy({ id: In(styleIds) }) : [];
  const byId = new Map(styles.map((style) => [style.id, style]));
  for (const pass of passes) {
    const message = barcodeMessageOf(pass, pass.renderedStyleId ? (byId.get(pass.renderedStyleId) ?? null) : null);
    if (message === pass.barcodeMessage) continue;
    pass.barcodeMessage = message;
    await tx.getRepository(Pass).update({ id: pass.id }, { barcodeMessage: message });
  }
}
