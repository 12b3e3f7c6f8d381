/** The signer (certificate, key or chain) cannot be used to sign a pass. */
export class PkpassSigningError extends Error {
  override readonly name = 'PkpassSigningError';
}

/** The files handed in cannot form a valid pass bundle. */
export class PkpassBundleError extends Error {
  override readonly name = 'PkpassBundleError';
}
