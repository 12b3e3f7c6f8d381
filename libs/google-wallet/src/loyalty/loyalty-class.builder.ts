import type { walletobjects_v1 } from '@googleapis/walletobjects';
import { googleResourceId } from './resource-id';

export type LoyaltyClass = walletobjects_v1.Schema$LoyaltyClass;

export interface LoyaltyClassInput {
  issuerId: string;
  classSuffix: string;
  programName: string;
  issuerName: string;
  /** '#rgb' or '#rrggbb'; a class field in Google's model, not an object field. */
  hexBackgroundColor?: string;
  /** Public HTTPS URL; Google fetches it itself. Google requires a logo before review. */
  logoUri?: string;
}

export function buildLoyaltyClass(input: LoyaltyClassInput): LoyaltyClass {
  if (input.hexBackgroundColor !== undefined && !/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(input.hexBackgroundColor)) {
    throw new RangeError('hexBackgroundColor must look like #rgb or #rrggbb.');
  }
  return {
    id: googleResourceId(input.issuerId, input.classSuffix),
    issuerName: input.issuerName,
    programName: input.programName,
    // A `draft` class cannot hold objects; Google approves `UNDER_REVIEW` classes
    // automatically, and an approved class must keep being sent as `UNDER_REVIEW`.
    reviewStatus: 'UNDER_REVIEW',
    ...(input.logoUri ? { programLogo: { sourceUri: { uri: input.logoUri } } } : {}),
    ...(input.hexBackgroundColor ? { hexBackgroundColor: input.hexBackgroundColor } : {}),
  };
}
