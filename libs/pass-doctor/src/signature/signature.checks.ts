import { X509Certificate, createHash, verify } from 'node:crypto';
import { Problem, problem } from '../problems';
import { CmsCertificate, CmsParseError, CmsSignature, readCmsSignature } from './cms-signature.reader';

const FILE = 'signature';

export interface SignerSummary {
  subject: string;
  issuer: string;
  not_after: string;
}

export interface SignatureOptions {
  /** The intermediate Pass Type ID certificates must chain to. */
  wwdr: X509Certificate;
  now: Date;
  passTypeIdentifier?: string;
  teamIdentifier?: string;
}

/**
 * Checks the signature the way Wallet does: a CMS SignedData whose signed attributes carry
 * the digest of manifest.json, signed by a Pass Type ID certificate that chains to Apple's
 * WWDR G4, is in its validity period, and names the pass's type and team.
 */
export function checkSignature(signatureBytes: Buffer | undefined, manifest: Buffer | undefined, options: SignatureOptions): { signer: SignerSummary | null; problems: Problem[] } {
  if (!signatureBytes) {
    return { signer: null, problems: [problem('missing_signature', 'The bundle has no signature file. Sign the pass with your Pass Type ID certificate (and the Apple WWDR G4 intermediate).', FILE)] };
  }
  let cms: CmsSignature;
  try {
    cms = readCmsSignature(signatureBytes);
  } catch (error) {
    if (!(error instanceof CmsParseError)) throw error;
    return { signer: null, problems: [problem('signature_invalid', `The signature cannot be read: ${error.message}. Sign the pass again with a detached PKCS#7/CMS signature over manifest.json.`, FILE)] };
  }
  const { signer } = cms;
  if (!signer) {
    return { signer: null, problems: [problem('signature_invalid', "The signature does not embed the signer's certificate. Sign again including your Pass Type ID certificate.", FILE)] };
  }
  const problems: Problem[] = [];
  if (manifest) problems.push(...verifyOverManifest(cms, signer, manifest));
  problems.push(...checkSigner(signer, options));
  problems.push(...checkChain(cms, signer, options));
  return {
    signer: { subject: signer.subject, issuer: signer.issuer, not_after: new Date(signer.x509.validTo).toISOString() },
    problems,
  };
}

function verifyOverManifest(cms: CmsSignature, signer: CmsCertificate, manifest: Buffer): Problem[] {
  if (!cms.digest) return [problem('signature_invalid', 'The signature uses a digest algorithm Wallet does not accept. Sign with SHA-256.', FILE)];
  let signedBytes = manifest;
  if (cms.signedAttributes) {
    const digest = createHash(cms.digest).update(manifest).digest();
    if (!cms.messageDigest || !cms.messageDigest.equals(digest)) {
      return [problem('signature_invalid', 'The signature was made over a different manifest.json (the digest does not match): manifest.json changed after signing. Sign the pass again.', FILE)];
    }
    signedBytes = cms.signedAttributes;
  }
  let valid = false;
  try {
    valid = verify(cms.digest, signedBytes, signer.x509.publicKey, cms.signatureValue);
  } catch {
    valid = false;
  }
  return valid ? [] : [problem('signature_invalid', "The signature does not verify with the signer certificate's key. Sign the pass again with the certificate's own private key.", FILE)];
}

function checkSigner(signer: CmsCertificate, options: SignatureOptions): Problem[] {
  const problems: Problem[] = [];
  if (signer.x509.ca || !signer.userId?.startsWith('pass.')) {
    problems.push(
      problem('signer_not_pass_certificate', `The signer (${signer.subject}) is not a Pass Type ID certificate. Create one for your pass type id at developer.apple.com (Certificates, IDs & Profiles) and sign with it.`, FILE),
    );
  }
  problems.push(...validity(signer.x509, 'The pass certificate', options.now, 'Create a new Pass Type ID certificate at developer.apple.com and sign again.'));
  if (signer.userId && options.passTypeIdentifier !== undefined && signer.userId !== options.passTypeIdentifier) {
    problems.push(
      problem('pass_type_id_mismatch', `pass.json says passTypeIdentifier ${options.passTypeIdentifier}, but the certificate is for ${signer.userId}. Use the same pass type id in both.`, 'pass.json'),
    );
  }
  if (signer.organizationalUnit && options.teamIdentifier !== undefined && signer.organizationalUnit !== options.teamIdentifier) {
    problems.push(
      problem('team_id_mismatch', `pass.json says teamIdentifier ${options.teamIdentifier}, but the certificate belongs to team ${signer.organizationalUnit}. Use your certificate's team id.`, 'pass.json'),
    );
  }
  return problems;
}

function checkChain(cms: CmsSignature, signer: CmsCertificate, options: SignatureOptions): Problem[] {
  const issuer = cms.certificates.find((candidate) => candidate !== signer && issuedBy(signer.x509, candidate.x509));
  if (!issuer) {
    const byWwdr = issuedBy(signer.x509, options.wwdr);
    return [
      problem(
        'wwdr_intermediate_missing',
        byWwdr
          ? 'The signature does not include the Apple WWDR G4 intermediate that issued the certificate; Wallet cannot build the chain. Include AppleWWDRCAG4 when signing.'
          : `The signature does not include the intermediate that issued the pass certificate (issuer: ${signer.issuer}). Include Apple's WWDR G4 intermediate when signing.`,
        FILE,
      ),
    ];
  }
  const problems: Problem[] = [];
  if (issuer.x509.fingerprint256 !== options.wwdr.fingerprint256) {
    problems.push(
      problem('wwdr_intermediate_not_g4', `The certificate chains to ${issuer.subject}, not Apple's WWDR G4 intermediate; Wallet will not trust it. Use a Pass Type ID certificate issued by Apple (WWDR G4) and include G4 when signing.`, FILE),
    );
  }
  problems.push(...validity(issuer.x509, `The intermediate ${issuer.subject}`, options.now, 'Download the current Apple WWDR G4 intermediate and sign again.'));
  return problems;
}

function issuedBy(certificate: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

function validity(certificate: X509Certificate, what: string, now: Date, fix: string): Problem[] {
  const notBefore = new Date(certificate.validFrom);
  const notAfter = new Date(certificate.validTo);
  if (now > notAfter) return [problem('certificate_expired', `${what} expired on ${notAfter.toISOString()}. ${fix}`, FILE)];
  if (now < notBefore) return [problem('certificate_expired', `${what} is not valid before ${notBefore.toISOString()}. Check the signing machine's clock.`, FILE)];
  return [];
}
