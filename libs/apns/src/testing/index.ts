export {
  FakeApnsServer,
  testCaFromEnvironment,
  type FakeApnsConnection,
  type FakeApnsResponse,
  type FakeApnsServerOptions,
  type RecordedPush,
} from './fake-apns.server';
export {
  ensureTestCa,
  issuePassCertificate,
  issueServerCertificate,
  type IssuedCertificate,
  type PassCertificateOptions,
  type TestCa,
  type TestCaKeyPair,
} from './test-ca';
