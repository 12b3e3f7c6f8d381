export type { PassSigner } from './cms/signer-material';
export { createPkpass } from './bundle/pkpass.builder';
export type { CreatePkpassOptions, PassFiles } from './bundle/pkpass.builder';
export { createPkpasses, MAX_PASSES_PER_BUNDLE } from './bundle/pkpasses.builder';
export type { BundledPass } from './bundle/pkpasses.builder';
export { decodePassStrings, encodePassStrings, parsePassStrings, PassStringsError } from './strings/pass-strings';
export type { ParsedPassStrings, PassStringsEncoding } from './strings/pass-strings';
export { PkpassBundleError, PkpassSigningError } from './pkpass.errors';
export { PkpassSignerPool } from './pool/pkpass-signer.pool';
export type { PkpassSignerPoolMode, PkpassSignerPoolOptions } from './pool/pkpass-signer.pool';
export { validatePassJson, PASS_STYLES } from './pass-json/pass-json.validator';
export type { PassJsonValidation } from './pass-json/pass-json.validator';
export { APPLE_STYLE_RULES, APPLE_TRANSIT_TYPES, unusedImageRoles } from './pass-json/pass-style.rules';
export type { AppleImageRole, AppleStyleKey, AppleStyleRule, AppleTransitType } from './pass-json/pass-style.rules';
export { builtInImages } from './png/built-in-images';
export { readPngInfo, InvalidPngError } from './png/png-info.reader';
export type { PngInfo } from './png/png-info.reader';
export { parseAppleCredentials } from './credentials/apple-credentials.parser';
export type { AppleCredentials, AppleCredentialsInput } from './credentials/apple-credentials.parser';
export { AppleCredentialError } from './credentials/apple-credential.error';
export type { AppleCredentialField } from './credentials/apple-credential.error';
export {
  generateDevelopmentSigner,
  DEVELOPMENT_PASS_TYPE_IDENTIFIER,
  DEVELOPMENT_TEAM_IDENTIFIER,
} from './credentials/development-signer.factory';
export type { DevelopmentSigner } from './credentials/development-signer.factory';
export { appleWwdrG4Pem } from './credentials/apple-wwdr-g4.certificate';
