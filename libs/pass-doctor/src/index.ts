export { diagnosePkpass } from './pkpass-doctor';
export type { DiagnoseOptions, PkpassDiagnosis } from './pkpass-doctor';
export { PROBLEM_CODES, PROBLEM_SEVERITY } from './problems';
export type { Problem, ProblemCode, Severity } from './problems';
export type { SignerSummary } from './signature/signature.checks';
export { DEFAULT_ZIP_LIMITS } from './archive/safe-zip.reader';
export type { ZipLimits } from './archive/safe-zip.reader';
export { formatDiagnosis } from './diagnosis.formatter';
