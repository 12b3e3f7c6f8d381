export type AppleCredentialField = 'certificate_pem' | 'private_key_pem' | 'p12_base64' | 'passphrase';

/**
 * Tenant Apple credentials that cannot be used. `field` names the request field to fix; the
 * message is written for the tenant and never quotes the submitted material.
 */
export class AppleCredentialError extends Error {
  override readonly name = 'AppleCredentialError';

  constructor(
    readonly field: AppleCredentialField,
    message: string,
  ) {
    super(message);
  }
}
