#!/usr/bin/env node
/**
 * `wp`: the WalletPass API from a terminal (`npm run cli -- <command>`). Every command prints
 * a readable summary, or with --json the data itself (one JSON document; `members export`
 * writes JSON lines). Credentials saved by `wp login` live in ~/.config/walletpass/cli.json
 * (WP_CLI_CONFIG overrides the path), readable by the user only.
 */
import { parseArgs } from 'node:util';
import { WalletPassClient, WalletPassError } from '../client';
import { Profile, loadProfile, saveProfile } from './profile';
import { COMMANDS, Output, UsageError } from './commands';

const USAGE = `usage: wp <command> [options] [--json]

  login --url URL (--api-key wp_… | --token st_…/bt_… | --email E --password P)
  bootstrap --url URL --email E --password P [--name N]   create the super admin and log in as it
  onboard --company C --email E --name N                  a new tenant; prints its API key once
  keys list|create|revoke --tenant ID [--name N] [KEY_ID]
  members export [--format jsonl|csv]                     every member, to stdout
  members import FILE                                     register members from JSON lines or CSV
  passes list [--member ID] | passes create MEMBER_ID [--type apple|google] [--company C]
  doctor                                                  checks the gateway, the credentials and the wallets`;

const OPTIONS = {
  url: { type: 'string' },
  'api-key': { type: 'string' },
  token: { type: 'string' },
  email: { type: 'string' },
  password: { type: 'string' },
  name: { type: 'string' },
  company: { type: 'string' },
  tenant: { type: 'string' },
  member: { type: 'string' },
  type: { type: 'string' },
  format: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function main(argv: string[], out: Output = defaultOutput()): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  const [command, ...rest] = positionals;
  const run = command ? COMMANDS[command] : undefined;
  if (values.help || !run) {
    out.error(USAGE);
    return values.help ? 0 : 2;
  }
  const saved = loadProfile();
  const profile: Profile = { url: values.url ?? saved?.url ?? process.env.WP_URL ?? 'http://localhost:3000', apiKey: saved?.apiKey, token: saved?.token };
  const client = new WalletPassClient({
    baseUrl: profile.url,
    apiKey: values['api-key'] ?? process.env.WP_API_KEY ?? profile.apiKey,
    token: values.token ?? process.env.WP_TOKEN ?? profile.token,
    // Bulk commands run into the rate limit by design: wait it out rather than fail a row.
    retry: { attempts: 10, onRetry: ({ delayMs, status }) => out.error(`(${status ?? 'network error'}: retrying in ${Math.ceil(delayMs / 1000)} s)`) },
  });
  try {
    return (await run({ client, args: rest, options: values, json: values.json === true, out, profile, save: saveProfile })) ?? 0;
  } catch (error) {
    if (error instanceof WalletPassError) {
      if (values.json) out.print(JSON.stringify({ status: error.status, message: error.message, errors: error.errors, request_id: error.requestId }));
      else out.error(`error ${error.status}: ${error.message}${error.errors.map((e) => `\n  ${e.field}: ${e.message}`).join('')}`);
      return 1;
    }
    if (error instanceof UsageError) {
      out.error(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

function defaultOutput(): Output {
  return {
    print: (line) => process.stdout.write(`${line}\n`),
    error: (line) => process.stderr.write(`${line}\n`),
    progress: (done, total) => {
      if (!process.stderr.isTTY) return;
      const width = 30;
      const filled = total ? Math.round((done / total) * width) : 0;
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`);
    },
  };
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
