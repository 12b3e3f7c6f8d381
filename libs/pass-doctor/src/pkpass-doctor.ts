import { appleWwdrG4Pem } from '@wp/pkpass';
import { X509Certificate } from 'node:crypto';
import { DEFAULT_ZIP_LIMITS, ZipLimits, readZipSafely } from './archive/safe-zip.reader';
import { checkIcon, checkImageSizes } from './checks/images.checks';
import { checkLocalizations } from './checks/localization.checks';
import { checkManifest } from './checks/manifest.checks';
import { checkPassJson, parsePassJson } from './checks/pass-json.checks';
import { checkRelevance } from './checks/relevance.checks';
import { checkStyleRules } from './checks/style.checks';
import { Problem } from './problems';
import { SignerSummary, checkSignature } from './signature/signature.checks';

export interface PkpassDiagnosis {
  /** True when no problem is an error (warnings allowed). */
  ok: boolean;
  problems: Problem[];
  summary: {
    pass_type_identifier: string | null;
    team_identifier: string | null;
    serial_number: string | null;
    files: string[];
    signer: SignerSummary | null;
  };
}

export interface DiagnoseOptions {
  /** When certificates are judged; now by default. */
  now?: Date;
  /**
   * The intermediate a Pass Type ID certificate must chain to: Apple WWDR G4 by default.
   * A deployment that signs with its own CA (development) passes that CA here.
   */
  wwdrPem?: string;
  limits?: ZipLimits;
}

let appleWwdr: X509Certificate | undefined;

/**
 * Every problem Wallet would have with a .pkpass, from any source. Pure and synchronous:
 * hostile bytes (bombs, traversal names, garbage) become problems, never exceptions.
 */
export function diagnosePkpass(bytes: Buffer, options: DiagnoseOptions = {}): PkpassDiagnosis {
  const archive = readZipSafely(bytes, options.limits ?? DEFAULT_ZIP_LIMITS);
  const files = archive.files;
  const problems: Problem[] = [...archive.problems];
  let pass: Record<string, unknown> | undefined;
  let signer: SignerSummary | null = null;
  if (archive.readable) {
    const parsed = parsePassJson(files.get('pass.json'));
    pass = parsed.pass;
    problems.push(...parsed.problems);
    if (pass) problems.push(...checkPassJson(pass), ...checkRelevance(pass), ...checkStyleRules(pass, files.keys()));
    problems.push(...checkLocalizations(files), ...checkIcon(files.keys()), ...checkImageSizes(files));
    const manifest = checkManifest(files);
    problems.push(...manifest.problems);
    const signature = checkSignature(files.get('signature'), manifest.manifest, {
      wwdr: options.wwdrPem ? new X509Certificate(options.wwdrPem) : (appleWwdr ??= new X509Certificate(appleWwdrG4Pem)),
      now: options.now ?? new Date(),
      passTypeIdentifier: stringOrUndefined(pass?.passTypeIdentifier),
      teamIdentifier: stringOrUndefined(pass?.teamIdentifier),
    });
    signer = signature.signer;
    problems.push(...signature.problems);
  }
  return {
    ok: problems.every((p) => p.severity !== 'error'),
    problems,
    summary: {
      pass_type_identifier: stringOrUndefined(pass?.passTypeIdentifier) ?? null,
      team_identifier: stringOrUndefined(pass?.teamIdentifier) ?? null,
      serial_number: stringOrUndefined(pass?.serialNumber) ?? null,
      files: [...files.keys()].sort(),
      signer,
    },
  };
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
