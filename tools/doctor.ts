// `npm run doctor -- pass.pkpass [more.pkpass] [--json]`: the pass doctor of
// POST /v1/doctor/pkpass, offline (no Postgres, no Redis). Exit code 1 when any pass has an error.
import { diagnosePkpass, formatDiagnosis } from '@wp/pass-doctor';
import { readFile } from 'node:fs/promises';

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const paths = argv.filter((arg) => arg !== '--json');
  if (paths.length === 0) {
    console.error('usage: npm run doctor -- <file.pkpass> [more.pkpass] [--json]');
    return 1;
  }
  let failed = false;
  for (const path of paths) {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      console.error(`${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      failed = true;
      continue;
    }
    const diagnosis = diagnosePkpass(bytes);
    failed ||= !diagnosis.ok;
    console.log(json ? JSON.stringify({ file: path, ...diagnosis }, null, 2) : `${formatDiagnosis(path, diagnosis)}\n`);
  }
  return failed ? 1 : 0;
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
