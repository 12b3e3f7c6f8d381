import { DomainEvent, PassUpdatedData } from '@wp/contracts';
import { appendEvents, createEvent } from '@wp/events';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import { UPDATE_TAG_SEQUENCE } from '../database';
import { StyleCatalog } from '../styles/style-catalog';
import { currentRequestId, recordTrace } from '../trace/trace-recorder';
import { refreshBarcodeMessages } from './barcode-message';
import { Pass } from './pass.entity';

export type UpdateCause = PassUpdatedData['cause'];

/** The event that made a new version (a member's points change, say), for the trace. */
export interface VersionTrigger {
  event_type: string;
  event_id: string;
}

/**
 * Makes the current state of `passes` a new version: version + 1, a fresh update tag from the
 * sequence and a new Last-Modified, and a `pass.updated` event in the same transaction. Callers
 * have saved the changed columns first. The tag is taken inside the writing transaction, so a
 * reader sees a tag only together with the version it belongs to.
 */
export async function publishNewVersions(tx: EntityManager, passes: Pass[], cause: UpdateCause, extraEvents: DomainEvent[] = [], trigger?: VersionTrigger): Promise<void> {
  if (passes.length === 0 && extraEvents.length === 0) return;
  if (passes.length > 0) {
    // Last-Modified has one-second resolution: each version's moves at least a whole second
    // past the previous one, so a device that fetched version n within the same second as
    // version n+1 was written still gets n+1 for its If-Modified-Since.
    const rows = (await tx.query(
      `UPDATE pass.passes SET version = version + 1, update_tag = nextval('${UPDATE_TAG_SEQUENCE}'),
         updated_at = GREATEST(now(), date_trunc('second', updated_at) + interval '1 second')
       WHERE id = ANY($1::uuid[]) RETURNING id, version, update_tag, updated_at`,
      [passes.map((p) => p.id)],
    )) as [Array<{ id: string; version: number; update_tag: string; updated_at: Date }>, number];
    const byId = new Map(rows[0].map((row) => [row.id, row]));
    for (const pass of passes) {
      const row = byId.get(pass.id);
      if (!row) continue;
      pass.version = row.version;
      pass.updateTag = row.update_tag;
      pass.updatedAt = row.updated_at;
    }
    await refreshBarcodeMessages(tx, passes);
  }
  const updated = passes.map((pass) =>
    createEvent('pass.updated', pass.tenantId, { pass_id: pass.id, pass_type: pass.passType, member_id: pass.memberId, status: pass.status, cause }),
  );
  await appendEvents(tx, [...updated, ...extraEvents]);
  // Without an outside trigger, the version's own pass.updated (and the request behind it) is the cause.
  const requestId = currentRequestId();
  await recordTrace(
    tx,
    passes.map((pass, i) => ({
      tenantId: pass.tenantId,
      passId: pass.id,
      kind: 'version_created',
      detail: {
        version: pass.version,
        cause: { ...(trigger ?? { event_type: updated[i].type, event_id: updated[i].id }), ...(requestId ? { request_id: requestId } : {}) },
      },
    })),
  );
}

/**
 * After a tenant's styles, groups or assets changed: every live pass whose style decision now
 * differs, or whose style's content changed (`changedStyleIds`), gets a new version.
 */
export async function restyleTenant(tx: EntityManager, tenantId: string, changedStyleIds: ReadonlySet<string> = new Set()): Promise<number> {
  const catalog = await StyleCatalog.load(tx, tenantId);
  const passes = await tx.getRepository(Pass).find({
    where: { tenantId, deletedAt: IsNull(), status: Not(In(['voided'])) },
    // Rows are always locked in id order, here and in the member event handlers, so two
    // transactions touching overlapping passes queue up instead of deadlocking.
    order: { id: 'ASC' },
    lock: { mode: 'pessimistic_write' },
  });
  const changed: Pass[] = [];
  for (const pass of passes) {
    const styleId = catalog.resolve(pass)?.id ?? null;
    if (styleId !== pass.renderedStyleId) {
      pass.renderedStyleId = styleId;
      await tx.getRepository(Pass).update({ id: pass.id }, { renderedStyleId: styleId });
      changed.push(pass);
    } else if (styleId && changedStyleIds.has(styleId)) {
      changed.push(pass);
    }
  }
  await publishNewVersions(tx, changed, 'style');
  return changed.length;
}
