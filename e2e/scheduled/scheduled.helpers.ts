import { FakeGoogleWalletServer } from '@wp/google-wallet/testing';
import { TenantFixture, waitFor } from '@wp/testing';
import { FakeIPhone, HeldPass } from '../live-updates/fake-iphone';

export const ISSUER_ID = '3388000000066666666';
export const objectId = (passId: string) => `${ISSUER_ID}.${passId}`;

/** A few seconds ahead: far enough to be created (and the service killed) before it is due. */
export const secondsFromNow = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

export interface Scheduled {
  id: string;
  state: 'scheduled' | 'sending' | 'sent' | 'cancelled';
  send_at: string;
  message: string;
  audience: { member_ids?: string[]; tier?: string; all?: true };
  started_at: string | null;
  completed_at: string | null;
  counts: { audience: number | null; sent: number; failed: number; skipped: number; pending: number };
}

export async function register(tenant: TenantFixture, memberId: string, points = 0): Promise<void> {
  expect((await tenant.api.post('/v1/members/register', { member_id: memberId, member_name: 'Ada Lovelace' })).status).toBe(201);
  if (points > 0) expect((await tenant.api.put(`/v1/members/${memberId}/points`, { points, operation: 'set' })).status).toBe(200);
}

export async function createPass(tenant: TenantFixture, memberId: string, passType: 'apple' | 'google'): Promise<string> {
  const created = await tenant.api.post('/v1/passes/create-from-member', { member_id: memberId, pass_type: passType, company_name: 'Scheduled Bakery' });
  expect(created.status).toBe(201);
  return created.body.data.pass_id as string;
}

/** A Google pass whose object Google already has (a message to an object Google lacks is refused). */
export async function googlePass(tenant: TenantFixture, google: FakeGoogleWalletServer, memberId: string): Promise<string> {
  const passId = await createPass(tenant, memberId, 'google');
  await waitFor('the object at Google', () => google.loyaltyObject(objectId(passId)), 60_000);
  return passId;
}

/** An Apple pass held by an iPhone registered for its updates. */
export async function applePassOnPhone(tenant: TenantFixture, memberId: string): Promise<{ passId: string; phone: FakeIPhone; held: HeldPass }> {
  const passId = await createPass(tenant, memberId, 'apple');
  const download = await tenant.api.get(`/v1/passes/${passId}/download`);
  expect(download.status).toBe(200);
  const phone = new FakeIPhone();
  const held = phone.add(download.bytes, download.headers.get('last-modified'));
  expect((await phone.register(held)).status).toBe(201);
  expect((await phone.listUpdated(held)).status).toBe(200);
  return { passId, phone, held };
}

export async function schedule(tenant: TenantFixture, body: Record<string, unknown>): Promise<Scheduled> {
  const created = await tenant.api.post('/v1/notifications/scheduled', body);
  expect(created.status).toBe(201);
  return created.body.data as Scheduled;
}

/** Generous: a loaded machine may take a while, and the assertion is about what happens, not when. */
export async function waitForState(tenant: TenantFixture, id: string, state: Scheduled['state'], timeoutMs = 180_000): Promise<Scheduled> {
  return waitFor(
    `scheduled notification ${id} to be ${state}`,
    async () => {
      const response = await tenant.api.get(`/v1/notifications/scheduled/${id}`);
      return response.status === 200 && response.body.data.state === state ? (response.body.data as Scheduled) : undefined;
    },
    timeoutMs,
    200,
  );
}

/** The message bodies a Google object shows. */
export function googleMessages(google: FakeGoogleWalletServer, passId: string): string[] {
  const object = google.loyaltyObject(objectId(passId)) as { messages?: Array<{ body: string }> } | undefined;
  return (object?.messages ?? []).map((message) => message.body);
}

/** The value of the pass's message back field after the phone fetched its latest version. */
export function messageOnPhone(held: HeldPass): string | undefined {
  const back = (held.passJson.storeCard?.backFields ?? []) as Array<{ value: string; changeMessage?: string }>;
  return back.find((field) => field.changeMessage !== undefined)?.value;
}

export async function passVersion(tenant: TenantFixture, passId: string): Promise<number> {
  const response = await tenant.api.get(`/v1/passes/${passId}`);
  expect(response.status).toBe(200);
  return response.body.data.version as number;
}
