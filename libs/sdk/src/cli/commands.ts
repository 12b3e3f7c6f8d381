import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { WalletPassClient, WalletPassError, eachItem, unwrap } from '../client';
import { stringify } from 'csv-stringify/sync';
import type { Profile } from './profile';

export interface Output {
  print(line: string): void;
  error(line: string): void;
  progress(done: number, total: number): void;
}

export interface CommandContext {
  client: WalletPassClient;
  args: string[];
  options: Record<string, string | boolean | undefined>;
  json: boolean;
  out: Output;
  profile: Profile;
  save(profile: Profile): string;
}

/** Resolves to the exit code when it is not 0. */
type Command = (ctx: CommandContext) => Promise<number | void>;

type Member = Record<string, unknown> & { member_id: string };

const MEMBER_FIELDS = ['member_id', 'member_name', 'member_email', 'phone_number'] as const;
/** Batch polls while `members import` runs: often enough for a live progress bar, well inside the rate limit. */
const IMPORT_POLL_MS = 500;

class UsageError extends Error {}

function required(ctx: CommandContext, name: string): string {
  const value = ctx.options[name];
  if (typeof value !== 'string' || !value) throw new UsageError(`--${name} is required`);
  return value;
}

function show(ctx: CommandContext, data: unknown, summary: string): void {
  ctx.out.print(ctx.json ? JSON.stringify(data) : summary);
}

async function login(ctx: CommandContext): Promise<void> {
  const url = ctx.profile.url;
  let profile: Profile;
  if (typeof ctx.options['api-key'] === 'string') profile = { url, apiKey: ctx.options['api-key'] };
  else if (typeof ctx.options.token === 'string') profile = { url, token: ctx.options.token };
  else {
    const session = await unwrap(ctx.client.with({}).api.POST('/v1/auth/login', { body: { email: required(ctx, 'email'), password: required(ctx, 'password') } }));
    profile = { url, token: session.access_token };
  }
  const file = ctx.save(profile);
  show(ctx, { url, saved: file }, `logged in to ${url} (saved in ${file})`);
}

async function bootstrap(ctx: CommandContext): Promise<void> {
  const name = typeof ctx.options.name === 'string' ? ctx.options.name : 'Super Admin';
  const result = await unwrap(ctx.client.with({}).api.POST('/v1/bootstrap/super-admin', { body: { email: required(ctx, 'email'), password: required(ctx, 'password'), name } }));
  const file = ctx.save({ url: ctx.profile.url, token: result.access_token });
  show(ctx, { admin: result.admin, saved: file }, `super admin ${result.admin.email} created; logged in as it (saved in ${file})`);
}

async function onboard(ctx: CommandContext): Promise<void> {
  const tenant = await unwrap(
    ctx.client.api.POST('/v1/onboard', { body: { company_name: required(ctx, 'company'), contact_email: required(ctx, 'email'), contact_name: required(ctx, 'name') } }),
  );
  show(ctx, tenant, `tenant ${tenant.company_name} (${tenant.tenant_id})\nAPI key (shown once): ${tenant.api_key}`);
}

async function keys(ctx: CommandContext): Promise<void> {
  const [action, keyId] = ctx.args;
  const id = required(ctx, 'tenant');
  if (action === 'list') {
    const all = [];
    for await (const key of eachItem((cursor) => ctx.client.api.GET('/v1/tenants/{id}/api-keys', { params: { path: { id }, query: { cursor } } }))) all.push(key);
    show(ctx, all, all.map((k) => `${k.id}  ${k.prefix}…  ${k.name ?? ''}${k.revoked_at ? `  revoked ${k.revoked_at}` : ''}`).join('\n') || '(no keys)');
  } else if (action === 'create') {
    const key = await unwrap(ctx.client.api.POST('/v1/tenants/{id}/api-keys', { params: { path: { id } }, body: typeof ctx.options.name === 'string' ? { name: ctx.options.name } : {} }));
    show(ctx, key, `key ${key.id}\nAPI key (shown once): ${key.api_key}`);
  } else if (action === 'revoke' && keyId) {
    const revoked = await unwrap(ctx.client.api.DELETE('/v1/tenants/{id}/api-keys/{keyId}', { params: { path: { id, keyId } } }));
    show(ctx, revoked, `key ${revoked.id} revoked at ${revoked.revoked_at}`);
  } else throw new UsageError('keys list|create|revoke --tenant ID [KEY_ID]');
}

async function members(ctx: CommandContext): Promise<number | void> {
  const [action, file] = ctx.args;
  if (action === 'export') {
    const format = ctx.options.format ?? (ctx.json ? 'jsonl' : 'csv');
    if (format === 'csv') {
      // The server streams the file; the CLI passes it through line by line.
      const { data } = await ctx.client.api.GET('/v1/members/export', { parseAs: 'text' });
      for (const line of (data ?? '').split(/\r?\n/)) if (line) ctx.out.print(line);
      return;
    }
    for await (const member of eachItem((cursor) => ctx.client.api.GET('/v1/members', { params: { query: { limit: 100, cursor } } })) as AsyncGenerator<Member>) {
      ctx.out.print(JSON.stringify(member));
    }
  } else if (action === 'import' && file) {
    // One upload, applied by the server as a batch; the progress bar follows the batch.
    const submitted = await unwrap(
      ctx.client.api.POST('/v1/members/import', { body: importCsv(readFileSync(file, 'utf8')), bodySerializer: (body: string) => body, headers: { 'content-type': 'text/csv' } }),
    );
    let batch = await unwrap(ctx.client.api.GET('/v1/batch/{batch_id}', { params: { path: { batch_id: submitted.batch_id } } }));
    for (;;) {
      ctx.out.progress(batch.succeeded + batch.failed, batch.total);
      if (batch.state === 'completed') break;
      await delay(IMPORT_POLL_MS);
      batch = await unwrap(ctx.client.api.GET('/v1/batch/{batch_id}', { params: { path: { batch_id: submitted.batch_id } } }));
    }
    const outcome = { batch_id: batch.batch_id, total: batch.total, succeeded: batch.succeeded, failed: batch.errors.map((e) => ({ line: e.line ?? null, message: e.message })) };
    show(ctx, outcome, `${outcome.succeeded} of ${outcome.total} imported, ${outcome.failed.length} failed${outcome.failed.map((f) => `\n  line ${f.line}: ${f.message}`).join('')}`);
    if (outcome.failed.length) return 1;
  } else throw new UsageError('members export [--format jsonl|csv] | members import FILE');
}

/** The file as the import takes it: CSV goes as it is; JSON lines (one member object a line) become CSV. */
export function importCsv(text: string): string {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return text;
  const rows = trimmed
    .split('\n')
    .filter((l) => l.trim())
    .map((line) => JSON.parse(line) as Member);
  const columns = [...MEMBER_FIELDS, ...(rows.some((row) => row.points !== undefined) ? ['points'] : [])];
  return stringify(rows, { header: true, columns });
}

async function passes(ctx: CommandContext): Promise<void> {
  const [action, memberId] = ctx.args;
  if (action === 'list') {
    const all = [];
    const member_id = typeof ctx.options.member === 'string' ? ctx.options.member : undefined;
    for await (const pass of eachItem((cursor) => ctx.client.api.GET('/v1/passes', { params: { query: { member_id, cursor } } }))) all.push(pass);
    show(ctx, all, all.map((p) => `${p.pass_id}  ${p.pass_type}  ${p.status}  ${p.member_id ?? ''}  ${p.signing}`).join('\n') || '(no passes)');
  } else if (action === 'create' && memberId) {
    const tenant = await unwrap(ctx.client.api.GET('/v1/tenant'));
    const type = ctx.options.type ?? 'apple';
    if (type !== 'apple' && type !== 'google') throw new UsageError('--type is apple or google');
    const company = typeof ctx.options.company === 'string' ? ctx.options.company : tenant.company_name;
    const pass = await unwrap(ctx.client.api.POST('/v1/passes/create-from-member', { body: { member_id: memberId, pass_type: type, company_name: company } }));
    const note = pass.signing === 'development' ? '\nnote: signed with the development certificate; Apple Wallet will not add it (store yours: PUT /v1/tenant/apple)' : '';
    show(ctx, pass, `pass ${pass.pass_id}\n${pass.pass_url}${note}`);
  } else throw new UsageError('passes list [--member ID] | passes create MEMBER_ID [--type apple|google]');
}

/** Each check: what was looked at, whether it is fine, and what to do when not. */
async function doctor(ctx: CommandContext): Promise<number> {
  const checks: Array<{ check: string; ok: boolean; detail: string }> = [];
  const health = await fetch(`${ctx.client.baseUrl}/health`).then(
    async (r) => ({ status: r.status, body: (await r.json().catch(() => null)) as { checks?: Record<string, string> } | null }),
    (error: Error) => ({ status: 0, body: null, error }),
  );
  const down = Object.entries(health.body?.checks ?? {}).filter(([, v]) => v !== 'up').map(([k]) => k);
  checks.push({
    check: `gateway at ${ctx.client.baseUrl}`,
    ok: health.status === 200,
    detail: health.status === 0 ? 'not reachable: is `npm start` running, and is the URL right (wp login --url …)?' : health.status === 200 ? 'every process healthy' : `degraded: ${down.join(', ')} down`,
  });
  if (ctx.profile.apiKey || process.env.WP_API_KEY || ctx.options['api-key']) {
    try {
      const tenant = await unwrap(ctx.client.api.GET('/v1/tenant'));
      checks.push({ check: 'API key', ok: true, detail: `tenant ${tenant.company_name}` });
      const apple = tenant.wallets.apple;
      const expiresSoon = apple.expires_at ? Date.parse(apple.expires_at) - Date.now() < 30 * 86_400_000 : false;
      checks.push({
        check: 'Apple Wallet',
        ok: apple.configured && !expiresSoon,
        detail: !apple.configured ? 'no Pass Type ID certificate: passes are development-signed and iPhones will not add them (docs/wallet-credentials.md)' : expiresSoon ? `certificate expires ${apple.expires_at}: renew it` : `certificate valid until ${apple.expires_at}`,
      });
      const google = tenant.wallets.google;
      checks.push({ check: 'Google Wallet', ok: google.configured, detail: google.configured ? `service account ${google.client_email}` : 'not configured: Google passes answer 422 (docs/wallet-credentials.md)' });
    } catch (error) {
      if (!(error instanceof WalletPassError)) throw error;
      checks.push({ check: 'API key', ok: false, detail: `${error.status} ${error.message}` });
    }
  } else {
    checks.push({ check: 'credentials', ok: false, detail: 'none saved: wp login --api-key wp_… (or --email/--password for an admin)' });
  }
  show(ctx, checks, checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'}  ${c.check}: ${c.detail}`).join('\n'));
  return checks.some((c) => !c.ok) ? 1 : 0;
}

export const COMMANDS: Record<string, Command> = { login, bootstrap, onboard, keys, members, passes, doctor };
export { UsageError };
