const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/g;

/** Every certificate in a PEM text (a bundle may hold a leaf and its chain), as DER. */
export function pemCertificatesToDer(pem: string): Buffer[] {
  return [...pem.matchAll(CERTIFICATE_BLOCK)].map((match) => Buffer.from(match[1].replace(/\s+/g, ''), 'base64'));
}

export function derToPemCertificate(certificateDer: Buffer): string {
  const lines = certificateDer.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
