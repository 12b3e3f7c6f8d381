/**
 * What the doctor can say about a bundle (spec/API.md §8.3). Codes are part of the public
 * contract: integrators match on them, so never rename one.
 */
export const PROBLEM_SEVERITY = {
  // The archive itself.
  not_a_zip: 'error',
  archive_too_large: 'error',
  unsafe_file_name: 'error',
  duplicate_file: 'error',
  unreadable_file: 'error',
  nested_archive: 'warning',
  // pass.json.
  missing_pass_json: 'error',
  invalid_pass_json: 'error',
  missing_required_key: 'error',
  invalid_color: 'error',
  invalid_barcode: 'error',
  web_service_url_not_https: 'error',
  authentication_token_too_short: 'error',
  // Per pass style (spec/API.md §8.7).
  invalid_transit_type: 'error',
  too_many_fields: 'warning',
  image_not_used_by_style: 'warning',
  // Relevance and NFC (spec/API.md §8.5).
  too_many_locations: 'error',
  invalid_location: 'error',
  too_many_beacons: 'error',
  invalid_beacon: 'error',
  invalid_relevant_date: 'error',
  invalid_nfc: 'error',
  // Localizations.
  invalid_pass_strings: 'error',
  pass_strings_not_utf16: 'warning',
  // Images.
  missing_icon: 'error',
  image_wrong_size: 'warning',
  // Manifest.
  missing_manifest: 'error',
  invalid_manifest: 'error',
  file_not_in_manifest: 'error',
  manifest_file_missing: 'error',
  manifest_hash_mismatch: 'error',
  // Signature and certificates.
  missing_signature: 'error',
  signature_invalid: 'error',
  signer_not_pass_certificate: 'error',
  wwdr_intermediate_missing: 'error',
  wwdr_intermediate_not_g4: 'error',
  certificate_expired: 'error',
  pass_type_id_mismatch: 'error',
  team_id_mismatch: 'error',
} as const satisfies Record<string, Severity>;

export type Severity = 'error' | 'warning';
export type ProblemCode = keyof typeof PROBLEM_SEVERITY;
export const PROBLEM_CODES = Object.keys(PROBLEM_SEVERITY) as ProblemCode[];

export interface Problem {
  code: ProblemCode;
  severity: Severity;
  /** What is wrong and how to fix it, in plain words. */
  message: string;
  /** The bundle file the problem concerns, when there is one. */
  file?: string;
}

export function problem(code: ProblemCode, message: string, file?: string, severity: Severity = PROBLEM_SEVERITY[code]): Problem {
  return { code, severity, message, ...(file !== undefined ? { file } : {}) };
}
