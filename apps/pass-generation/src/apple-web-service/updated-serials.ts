/** One of a device's registrations for a pass type, joined with the pass. */
export interface RegisteredPass {
  passId: string;
  serialNumber: string;
  /** The pass's current update tag (a sequence value, as Postgres returns bigint: a string). */
  updateTag: string;
  /** The tag this device was last told about for this pass, or null before its first list. */
  listedTag: string | null;
}

export interface UpdatedSelection {
  serialNumbers: string[];
  lastUpdated: string;
  /** What the device is now told about: remember it as the registration's listed tag. */
  listed: Array<{ passId: string; tag: string }>;
}

const TAG = /^\d{1,18}$/;

/** The device's `passesUpdatedSince`; anything that is not a tag we handed out means "everything". */
export function parseUpdatedSince(raw: string | null | undefined): bigint | null {
  return typeof raw === 'string' && TAG.test(raw) ? BigInt(raw) : null;
}

/**
 * Which passes to list as updated. Tags come from a sequence in the writing transaction, but
 * transactions commit out of tag order: a device told "lastUpdated 11" may not yet have seen
 * the pass that took tag 10 and commits later. So a pass is listed when its tag is past the
 * device's `passesUpdatedSince` OR past the tag this device was last told about for that very
 * pass (kept per registration); the second catches the late commit whatever cursor the device
 * sends, and the first covers a device that asks again with an older cursor (a fetch failed).
 */
export function selectUpdated(passes: readonly RegisteredPass[], since: bigint | null): UpdatedSelection {
  const listed: UpdatedSelection['listed'] = [];
  let highest: bigint | null = null;
  for (const pass of passes) {
    const tag = BigInt(pass.updateTag);
    if (highest === null || tag > highest) highest = tag;
    const known = pass.listedTag === null ? null : BigInt(pass.listedTag);
    const threshold = since === null ? null : known === null || since < known ? since : known;
    if (threshold === null || tag > threshold) listed.push({ passId: pass.passId, tag: pass.updateTag });
  }
  const serials = new Map(passes.map((pass) => [pass.passId, pass.serialNumber]));
  return {
    serialNumbers: listed.map((entry) => serials.get(entry.passId) as string),
    lastUpdated: highest === null ? '0' : highest.toString(),
    listed,
  };
}
