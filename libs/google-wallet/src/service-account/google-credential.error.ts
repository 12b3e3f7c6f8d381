/**
 * A tenant's Google service-account credential cannot be used. The message names the
 * offending field so an operator can fix the upload; it never quotes the credential,
 * because the JSON carries the private key.
 */
export class GoogleCredentialError extends Error {
  override readonly name = 'GoogleCredentialError';
  readonly code = 'GOOGLE_CREDENTIAL_INVALID';

  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
