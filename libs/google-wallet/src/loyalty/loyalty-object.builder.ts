import type { walletobjects_v1 } from '@googleapis/walletobjects';
import { googleResourceId, sanitizeIdentifier } from './resource-id';

export type LoyaltyObject = walletobjects_v1.Schema$LoyaltyObject;

export type LoyaltyObjectState = 'ACTIVE' | 'INACTIVE' | 'EXPIRED' | 'COMPLETED';

export type BarcodeType = 'QR_CODE' | 'PDF_417' | 'AZTEC' | 'CODE_128';

export interface TextModule {
  header: string;
  body: string;
  id?: string;
}

export interface ValidTimeInterval {
  start?: Date | string;
  end?: Date | string;
}

export interface LoyaltyObjectInput {
  issuerId: string;
  objectSuffix: string;
  /** The full class id, "{issuerId}.{classSuffix}" (see buildLoyaltyClass). */
  classId: string;
  accountId: string;
  accountName: string;
  points: number;
  pointsLabel?: string;
  tier?: string;
  barcodeValue: string;
  barcodeType?: BarcodeType;
  state: LoyaltyObjectState;
  textModules?: TextModule[];
  validTimeInterval?: ValidTimeInterval;
}

// Google's LoyaltyPointsBalance.int is an int32.
const INT32_MAX = 2 ** 31 - 1;
const INT32_MIN = -(2 ** 31);

export function buildLoyaltyObject(input: LoyaltyObjectInput): LoyaltyObject {
  if (!Number.isInteger(input.points) || input.points > INT32_MAX || input.points < INT32_MIN) {
    throw new RangeError('points must be a whole number that fits in 32 bits.');
  }
  const object: LoyaltyObject = {
    id: googleResourceId(input.issuerId, input.objectSuffix),
    classId: input.classId,
    state: input.state,
    accountId: input.accountId,
    accountName: input.accountName,
    loyaltyPoints: { label: input.pointsLabel ?? 'Points', balance: { int: input.points } },
    barcode: { type: input.barcodeType ?? 'QR_CODE', value: input.barcodeValue, alternateText: input.barcodeValue },
  };
  // LoyaltyObject has no tier field (rewardsTier lives on the class, shared by every
  // member); a string balance in the secondary points slot shows each member's own tier.
  if (input.tier) {
    object.secondaryLoyaltyPoints = { label: 'Tier', balance: { string: input.tier } };
  }
  if (input.textModules?.length) {
    object.textModulesData = input.textModules.map((module) => ({
      header: module.header,
      body: module.body,
      ...(module.id ? { id: sanitizeIdentifier(module.id) } : {}),
    }));
  }
  if (input.validTimeInterval) {
    object.validTimeInterval = timeInterval(input.validTimeInterval);
  }
  return object;
}

function timeInterval(interval: ValidTimeInterval): walletobjects_v1.Schema$TimeInterval {
  return {
    ...(interval.start !== undefined ? { start: { date: isoDateTime(interval.start) } } : {}),
    ...(interval.end !== undefined ? { end: { date: isoDateTime(interval.end) } } : {}),
  };
}

// Google reads a date-time without an offset as local to each viewer; validity is an
// instant, so it is always sent in UTC with an explicit 'Z'.
function isoDateTime(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) {
    throw new RangeError('validTimeInterval holds an invalid date.');
  }
  return date.toISOString();
}
