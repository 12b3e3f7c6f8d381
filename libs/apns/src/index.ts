export { ApnsClient, DEFAULT_APNS_URL } from './apns.client';
export { isValidPushToken } from './push-token.validator';
export type {
  ApnsClientOptions,
  ApnsCredentials,
  ApnsOutcome,
  ApnsPushRequest,
  ApnsResult,
} from './apns.types';
