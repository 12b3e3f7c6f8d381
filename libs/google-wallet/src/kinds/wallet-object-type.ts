/**
 * Google Wallet's pass verticals this platform writes: each has its own class and object
 * resources (`{type}Class`, `{type}Object`) and its own keys in a save link's payload.
 */
export const WALLET_OBJECT_TYPES = ['loyalty', 'offer', 'eventTicket', 'generic'] as const;
export type WalletObjectType = (typeof WALLET_OBJECT_TYPES)[number];

/** A class or object body of any vertical; `id` is "{issuerId}.{suffix}". */
export type WalletResource = { id?: string | null; classId?: string | null } & Record<string, unknown>;

/** The save-link payload keys of a vertical, e.g. `offerClasses` / `offerObjects`. */
export function savePayloadKeys(type: WalletObjectType): { classes: string; objects: string } {
  return { classes: `${type}Classes`, objects: `${type}Objects` };
}
