export { createTestServiceAccount, type TestServiceAccount } from './test-service-account';
export {
  FakeGoogleWalletServer,
  type FakeGoogleWalletServerOptions,
  type FakeServiceAccountRegistration,
  type RecordedRequest,
} from './fake-google-wallet.server';
