export { GoogleCredentialError } from './service-account/google-credential.error';
export { parseServiceAccount, type ServiceAccount } from './service-account/service-account';

export { googleResourceId, sanitizeIdentifier } from './loyalty/resource-id';
export { buildLoyaltyClass, type LoyaltyClass, type LoyaltyClassInput } from './loyalty/loyalty-class.builder';
export {
  buildLoyaltyObject,
  MAX_MERCHANT_LOCATIONS,
  type BarcodeType,
  type GeoPoint,
  type Translation,
  type LoyaltyObject,
  type LoyaltyObjectInput,
  type LoyaltyObjectState,
  type TextModule,
  type ValidTimeInterval,
} from './loyalty/loyalty-object.builder';

export { WALLET_OBJECT_TYPES, savePayloadKeys, type WalletObjectType, type WalletResource } from './kinds/wallet-object-type';
export {
  buildEventTicketClass,
  buildEventTicketObject,
  buildGenericClass,
  buildGenericObject,
  buildOfferClass,
  buildOfferObject,
  type EventTicketClass,
  type EventTicketObject,
  type GenericClass,
  type GenericObject,
  type KindClassInput,
  type KindObjectInput,
  type OfferClass,
  type OfferObject,
} from './kinds/kind-builders';

export {
  createLeanSaveUrl,
  createSaveUrl,
  SAVE_URL_MAX_LENGTH,
  SAVE_URL_PREFIX,
  SaveUrlTooLongError,
  type CreateLeanSaveUrlInput,
  type CreateSaveUrlInput,
  type SaveUrl,
  type SaveUrlForm,
} from './save-url/save-url';

export {
  GOOGLE_WALLET_API_URL,
  GoogleWalletClient,
  WALLET_OBJECT_ISSUER_SCOPE,
  type GoogleWalletClientOptions,
  type UpsertResult,
  type WalletMessage,
} from './client/google-wallet.client';
export { GoogleWalletClientPool } from './client/google-wallet-client.pool';
export { GoogleWalletError } from './client/google-wallet.error';
