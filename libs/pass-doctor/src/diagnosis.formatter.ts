import type { PkpassDiagnosis } from './pkpass-doctor';

/** The diagnosis as the offline doctor prints it: one line per problem, errors first. */
export function formatDiagnosis(name: string, diagnosis: PkpassDiagnosis): string {
  const { summary } = diagnosis;
  const lines = [
    `${name}`,
    `  pass type id: ${summary.pass_type_identifier ?? '-'}   team: ${summary.team_identifier ?? '-'}   serial: ${summary.serial_number ?? '-'}`,
    `  signer: ${summary.signer ? `${summary.signer.subject} (until ${summary.signer.not_after})` : '-'}`,
    `  files: ${summary.files.length ? summary.files.join(', ') : '-'}`,
    '',
  ];
  const ordered = [...diagnosis.problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  for (const p of ordered) lines.push(`${p.severity === 'error' ? 'ERROR  ' : 'WARNING'} ${p.code}${p.file ? ` [${p.file}]` : ''}: ${p.message}`);
  const errors = ordered.filter((p) => p.severity === 'error').length;
  lines.push('', diagnosis.ok ? `OK: no errors${ordered.length ? `, ${ordered.length} warning(s)` : ''}` : `FAILED: ${errors} error(s), ${ordered.length - errors} warning(s)`);
  return lines.join('\n');
}
