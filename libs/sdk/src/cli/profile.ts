import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** What `wp login` remembers: the gateway and one credential. */
export interface Profile {
  url: string;
  apiKey?: string;
  token?: string;
}

export function profilePath(): string {
  return process.env.WP_CLI_CONFIG ?? path.join(homedir(), '.config', 'walletpass', 'cli.json');
}

export function loadProfile(): Profile | null {
  const file = profilePath();
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Profile) : null;
}

/** Written readable by the user only: it holds a credential. */
export function saveProfile(profile: Profile): string {
  const file = profilePath();
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(profile, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}
