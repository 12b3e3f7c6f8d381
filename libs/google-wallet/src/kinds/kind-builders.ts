import type { walletobjects_v1 } from '@googleapis/walletobjects';
import type { BarcodeType, GeoPoint, LoyaltyObjectState, TextModule, ValidTimeInterval } from '../loyalty/loyalty-object.builder';
import { googleResourceId, sanitizeIdentifier } from '../loyalty/resource-id';

export type OfferClass = walletobjects_v1.Schema$OfferClass;
export type EventTicketClass = walletobjects_v1.Schema$EventTicketClass;
export type GenericClass = walletobjects_v1.Schema$GenericClass;
export type OfferObject = walletobjects_v1.Schema$OfferObject;
export type EventTicketObject = walletobjects_v1.Schema$EventTicketObject;
export type GenericObject = walletobjects_v1.Schema$GenericObject;

const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

export interface KindClassInput {
  issuerId: string;
  classSuffix: string;
  issuerName: string;
  /** The offer's title, the event's name; generic classes carry no text. */
  title: string;
  hexBackgroundColor?: string;
  logoUri?: string;
}

const text = (value: string): walletobjects_v1.Schema$LocalizedString => ({ defaultValue: { language: 'en', value } });
const image = (uri: string): walletobjects_v1.Schema$Image => ({ sourceUri: { uri } });

function checkColor(color: string | undefined): void {
  if (color !== undefined && !HEX_COLOR.test(color)) throw new RangeError('hexBackgroundColor must look like #rgb or #rrggbb.');
}

/** An offer class: Google requires issuerName, provider, title, redemptionChannel and reviewStatus. */
export function buildOfferClass(input: KindClassInput): OfferClass {
  checkColor(input.hexBackgroundColor);
  return {
    id: googleResourceId(input.issuerId, input.classSuffix),
    issuerName: input.issuerName,
    provider: input.issuerName,
    title: input.title,
    // Shown at the till and online alike: the platform does not know where it is redeemed.
    redemptionChannel: 'BOTH',
    reviewStatus: 'UNDER_REVIEW',
    ...(input.logoUri ? { titleImage: image(input.logoUri) } : {}),
    ...(input.hexBackgroundColor ? { hexBackgroundColor: input.hexBackgroundColor } : {}),
  };
}

/** An event ticket class: Google requires issuerName, eventName and reviewStatus. */
export function buildEventTicketClass(input: KindClassInput): EventTicketClass {
  checkColor(input.hexBackgroundColor);
  return {
    id: googleResourceId(input.issuerId, input.classSuffix),
    issuerName: input.issuerName,
    eventName: text(input.title),
    reviewStatus: 'UNDER_REVIEW',
    ...(input.logoUri ? { logo: image(input.logoUri) } : {}),
    ...(input.hexBackgroundColor ? { hexBackgroundColor: input.hexBackgroundColor } : {}),
  };
}

/** A generic class holds only its id: a generic pass's look lives on the object. */
export function buildGenericClass(input: Pick<KindClassInput, 'issuerId' | 'classSuffix'>): GenericClass {
  return { id: googleResourceId(input.issuerId, input.classSuffix) };
}

export interface KindObjectInput {
  issuerId: string;
  objectSuffix: string;
  classId: string;
  state: LoyaltyObjectState;
  barcodeValue: string;
  barcodeType?: BarcodeType;
  barcodeAltText?: string;
  /** Generic: the card title (the organisation). */
  cardTitle: string;
  /** Generic: the header (what the pass is, e.g. the member's name or the ticket). */
  header: string;
  /** The holder's name: an event ticket's ticketHolderName. */
  holderName?: string;
  textModules?: TextModule[];
  validTimeInterval?: ValidTimeInterval;
  locations?: GeoPoint[];
  hexBackgroundColor?: string;
  logoUri?: string;
  heroUri?: string;
}

function common(input: KindObjectInput): Record<string, unknown> {
  const object: Record<string, unknown> = {
    id: googleResourceId(input.issuerId, input.objectSuffix),
    classId: input.classId,
    state: input.state,
    barcode: { type: input.barcodeType ?? 'QR_CODE', value: input.barcodeValue, alternateText: input.barcodeAltText ?? input.barcodeValue },
  };
  if (input.textModules?.length) {
    object.textModulesData = input.textModules.map((module) => ({ header: module.header, body: module.body, ...(module.id ? { id: sanitizeIdentifier(module.id) } : {}) }));
  }
  if (input.locations?.length) object.locations = input.locations.map(({ latitude, longitude }) => ({ kind: 'walletobjects#latLongPoint', latitude, longitude }));
  if (input.validTimeInterval) {
    const { start, end } = input.validTimeInterval;
    object.validTimeInterval = {
      ...(start !== undefined ? { start: { date: new Date(start).toISOString() } } : {}),
      ...(end !== undefined ? { end: { date: new Date(end).toISOString() } } : {}),
    };
  }
  return object;
}

export function buildOfferObject(input: KindObjectInput): OfferObject {
  return common(input) as OfferObject;
}

export function buildEventTicketObject(input: KindObjectInput): EventTicketObject {
  return { ...common(input), ...(input.holderName ? { ticketHolderName: input.holderName } : {}) } as EventTicketObject;
}

/** Generic objects carry their own look: Google requires cardTitle and header. */
export function buildGenericObject(input: KindObjectInput): GenericObject {
  checkColor(input.hexBackgroundColor);
  return {
    ...common(input),
    cardTitle: text(input.cardTitle),
    header: text(input.header),
    ...(input.hexBackgroundColor ? { hexBackgroundColor: input.hexBackgroundColor } : {}),
    ...(input.logoUri ? { logo: image(input.logoUri) } : {}),
    ...(input.heroUri ? { heroImage: image(input.heroUri) } : {}),
  } as GenericObject;
}
