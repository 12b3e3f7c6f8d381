export { createTestCa, issuePassCertificate } from './test-ca';
export type { TestCa, TestPassCertificate } from './test-ca';
export { readZip } from './zip.reader';
export { verifyPkpass } from './pkpass.verifier';
export type { VerifiedPkpass } from './pkpass.verifier';
export { signFilesUnchecked } from './unchecked-pkpass';
export { createCertificateAuthority } from '../credentials/certificate-issuer';
