import { CallContext, DomainError, HostedPassModel, PassFile, PassInternalPatterns, PassSummary, TenantPatterns, TenantProfile, WebReply } from '@wp/contracts';
import { openServiceDatabase } from '@wp/database';
import { OutboxEvent } from '@wp/events';
import { RpcClient } from '@wp/messaging';
import { FakeTwilioServer } from '@wp/sms/testing';
import { deleteNamespaceKeys, scratchDatabase, waitFor } from '@wp/testing';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { DataSource } from 'typeorm';
import type { NotificationConfig } from '../config';
import { notificationDatabase } from '../database';
import { HostedPagesService } from '../hosted-page/hosted-pages.service';
import { ShortLink } from '../short-links/short-link.entity';
import { ShortLinksService } from '../short-links/short-links.service';
import { SmsDailyQuota } from '../sms/sms-daily-quota';
import { SmsDeliveryService } from '../sms/sms-delivery.service';
import { SmsSendRateLimiter } from '../sms/sms-send-rate.limiter';
import { SmsSendQueue } from '../sms/sms-send.queue';
import { SmsSendWorker } from '../sms/sms-send.worker';
import { TwilioAccount } from '../sms/twilio-account';
import { TwilioStatusService } from '../twilio/twilio-status.service';
import { DistributionService } from './distribution.service';
import { SmsMessage } from './sms-message.entity';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ACCOUNT_SID = `AC${randomBytes(16).toString('hex')}`;
const AUTH_TOKEN = randomBytes(16).toString('hex');
const FROM = '+14155550100';
const REAL_NUMBER = '+14155550123';
const logger = pino({ level: 'silent' });

/**
 * Pass-generation's internal patterns, answered from a table of passes per tenant: the
 * services under test only see what crosses the transport.
 */
class PassGenerationStandIn {
  readonly passes = new Map<string, { tenantId: string; pass: PassSummary }>();
  readonly ensureCalls: Array<{ tenantId?: string; member_id: string; channel: string }> = [];
  readonly bundleChannels: string[] = [];
  readonly bundlePasses: string[] = [];

  addPass(tenantId: string, overrides: Partial<PassSummary> = {}): PassSummary {
    const pass: PassSummary = {
      pass_id: randomUUID(),
      pass_type: 'apple',
      member_id: 'MEMBER-001',
      status: 'active',
      serial_number: randomUUID(),
      created_at: new Date().toISOString(),
      download_url: 'http://unused',
      pass_url: null,
      ...overrides,
    };
    this.passes.set(pass.pass_id, { tenantId, pass });
    return pass;
  }

  client(): RpcClient {
    const send = async (pattern: string, ctx: CallContext, payload: Record<string, string>): Promise<unknown> => {
      const own = (passId: string) => {
        const entry = this.passes.get(passId);
        if (!entry || entry.tenantId !== ctx.tenantId) throw DomainError.notFound('Pass');
        return entry.pass;
      };
      switch (pattern) {
        case PassInternalPatterns.getPass:
          return own(payload.pass_id);
        case PassInternalPatterns.ensureMemberPass: {
          this.ensureCalls.push({ tenantId: ctx.tenantId, member_id: payload.member_id, channel: payload.channel });
          if (payload.member_id === 'NOBODY') throw DomainError.notFound('Member');
          const existing = [...this.passes.values()].find(
            (e) => e.tenantId === ctx.tenantId && e.pass.member_id === payload.member_id && e.pass.pass_type === payload.pass_type,
          );
          return existing?.pass ?? this.addPass(ctx.tenantId as string, { member_id: payload.member_id, pass_type: payload.pass_type as PassSummary['pass_type'] });
        }
        case PassInternalPatterns.hostedPage: {
          const pass = own(payload.pass_id);
          return {
            pass_id: pass.pass_id,
            company_name: 'Acme Coffee',
            member_id: pass.member_id,
            member_name: 'Jane Doe',
            points: 120,
            tier: 'Silver',
            status: pass.status,
            colors: { background: '#123456', foreground: '#ffffff', label: '#ffd27f' },
            logo_png_base64: null,
            apple_available: true,
            apple_signing: 'development',
            google_save_url: null,
          } satisfies HostedPassModel;
        }
        case PassInternalPatterns.appleBundle:
          if (own(payload.pass_id).pass_type !== 'apple') throw new DomainError('unprocessable', 'This is a Google pass; it has no .pkpass');
          this.bundleChannels.push(payload.channel);
          this.bundlePasses.push(payload.pass_id);
          return { filename: 'pass.pkpass', content_type: 'application/vnd.apple.pkpass', body_base64: Buffer.from('PK').toString('base64') } satisfies PassFile;
        case TenantPatterns.getTenantProfile:
          // Tenants here are active; a suspended tenant's dead links are covered end to end (e2e/hardening).
          return { tenantId: ctx.tenantId as string, companyName: 'Acme Coffee', status: 'active', nfcEnabled: false, currency: 'EUR' } satisfies TenantProfile;
        default:
          throw new Error(`unexpected pattern ${pattern}`);
      }
    };
    return { send } as unknown as RpcClient;
  }
}

/** Plays the gateway's part for Twilio's callbacks: form body + signature in, the service's verdict out. */
async function startCallbackReceiver(statuses: () => TwilioStatusService): Promise<{ url: string; close: () => Promise<void> }> {
  let base = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const signature = req.headers['x-twilio-signature'];
      statuses()
        .handle({ signature: typeof signature === 'string' ? signature : undefined, url: `${base}${req.url}`, params })
        .then(
          () => res.writeHead(204).end(),
          (error: unknown) => res.writeHead(error instanceof DomainError && error.code === 'forbidden' ? 403 : 500).end(),
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: base, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('distribution (Postgres, Redis, the real Twilio SDK against a local fake)', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let db: DataSource;
  let redis: Redis;
  let fake: FakeTwilioServer;
  let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;
  let passGen: PassGenerationStandIn;
  const stoppers: Array<() => Promise<unknown>> = [];
  // Every namespace a test used: quota and rate keys are removed with them in afterAll.
  const namespaces: string[] = [];

  function configFor(overrides: Partial<NotificationConfig> = {}): NotificationConfig {
    const namespace = `int${randomBytes(5).toString('hex')}`;
    namespaces.push(namespace);
    return {
      WP_NAMESPACE: namespace,
      REDIS_URL,
      PUBLIC_BASE_URL: receiver.url,
      SHORT_LINK_BASE_URL: undefined,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_FROM: FROM,
      TWILIO_API_URL: fake.url,
      SMS_DAILY_QUOTA: 1000,
      SMS_SEND_RATE_PER_SEC: 50,
      SMS_SEND_ATTEMPTS: 3,
      ...overrides,
    } as NotificationConfig;
  }

  let statusService: TwilioStatusService;

  /** The services as the Nest module wires them, started like the running service. */
  async function start(overrides: Partial<NotificationConfig> = {}) {
    const config = configFor(overrides);
    const twilio = new TwilioAccount(config);
    const pages = new HostedPagesService(db, passGen.client(), config);
    const links = new ShortLinksService(db, config);
    const quota = new SmsDailyQuota(redis, config);
    const queue = new SmsSendQueue(config, logger);
    await queue.onModuleInit();
    const delivery = new SmsDeliveryService(db, twilio, new SmsSendRateLimiter(redis, config), logger);
    const worker = new SmsSendWorker(delivery, config, logger);
    await worker.onApplicationBootstrap();
    const distribution = new DistributionService(db, passGen.client(), pages, links, twilio, quota, queue);
    statusService = new TwilioStatusService(db, twilio, logger);
    const inspect = new Queue('notification.sms-send', { connection: redis, prefix: config.WP_NAMESPACE });
    stoppers.push(async () => {
      await worker.onModuleDestroy();
      await queue.onModuleDestroy();
      await inspect.obliterate({ force: true });
      await inspect.close();
    });
    return { config, distribution, pages, links, quota, queue: inspect };
  }

  const tenantCtx = (tenantId: string): CallContext => ({ requestId: randomUUID(), actor: { kind: 'tenant', tenantId, keyId: randomUUID() }, tenantId });

  async function outbox(type: string, messageOrCode: string): Promise<OutboxEvent[]> {
    return db
      .getRepository(OutboxEvent)
      .createQueryBuilder('o')
      .where('o.type = :type', { type })
      .andWhere("(o.data->>'message_id' = :id OR o.data->>'short_code' = :id)", { id: messageOrCode })
      .getMany();
  }

  async function counts(tenantId: string) {
    return {
      messages: await db.getRepository(SmsMessage).countBy({ tenantId }),
      links: await db.getRepository(ShortLink).countBy({ tenantId }),
    };
  }

  beforeAll(async () => {
    scratch = await scratchDatabase('wp_dist');
    db = await openServiceDatabase({ ...notificationDatabase, url: scratch.url });
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    fake = await FakeTwilioServer.start([{ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }]);
    receiver = await startCallbackReceiver(() => statusService);
  });

  beforeEach(() => {
    passGen = new PassGenerationStandIn();
  });

  afterEach(async () => {
    for (const stop of stoppers.splice(0).reverse()) await stop();
  });

  afterAll(async () => {
    await receiver?.close();
    await fake?.close();
    await redis?.quit();
    for (const namespace of namespaces) await deleteNamespaceKeys(REDIS_URL, namespace);
    await db?.destroy();
    await scratch?.drop();
  });

  describe('a dry run', () => {
    it('composes the branded message around a fresh short link, records it, and sends nothing', async () => {
      const { distribution, config } = await start();
      const tenantId = randomUUID();
      const pass = passGen.addPass(tenantId);
      const before = fake.calls.length;

      const result = await distribution.send(tenantCtx(tenantId), { pass_id: pass.pass_id, phone_number: '+1234567890', dry_run: true });

      expect(result).toEqual({
        message_id: expect.any(String),
        status: 'dry_run',
        to: '+1234567890',
        short_url: expect.stringMatching(new RegExp(`^${config.PUBLIC_BASE_URL}/s/[0-9A-Za-z]{12}$`)),
        body: expect.any(String),
        dry_run: true,
        pass_id: pass.pass_id,
      });
      expect(result.body).toBe(`Acme Coffee: Hi Jane, your loyalty card is ready. Add it to your wallet: ${result.short_url}`);
      expect(fake.calls.length).toBe(before);
      expect(await db.getRepository(SmsMessage).findOneByOrFail({ id: result.message_id })).toMatchObject({ status: 'dry_run', body: result.body, dryRun: true });
    });

    it("creates the member's pass through pass-generation, attributed to SMS", async () => {
      const { distribution } = await start();
      const tenantId = randomUUID();
      const result = await distribution.send(tenantCtx(tenantId), { member_id: 'MEMBER-001', phone_number: '+1234567890', dry_run: true });
      expect(passGen.ensureCalls).toEqual([{ tenantId, member_id: 'MEMBER-001', channel: 'sms' }]);
      expect(passGen.passes.get(result.pass_id)?.tenantId).toBe(tenantId);
    });

    it('gives every message its own short link but one page per pass', async () => {
      const { distribution } = await start();
      const tenantId = randomUUID();
      const pass = passGen.addPass(tenantId);
      const first = await distribution.send(tenantCtx(tenantId), { pass_id: pass.pass_id, phone_number: '+1234567890', dry_run: true });
      const second = await distribution.send(tenantCtx(tenantId), { pass_id: pass.pass_id, phone_number: '+1234567890', dry_run: true });
      expect(first.short_url).not.toBe(second.short_url);
      const links = await db.getRepository(ShortLink).findBy({ tenantId });
      expect(new Set(links.map((l) => l.hostedPageId)).size).toBe(1);
    });
  });

  describe('refusals leave no trace', () => {
    it('a number libphonenumber calls impossible is a 400 on phone_number for a real send', async () => {
      const { distribution } = await start();
      const tenantId = randomUUID();
      const pass = passGen.addPass(tenantId);
      const error = await distribution.send(tenantCtx(tenantId), { pass_id: pass.pass_id, phone_number: '+1234567890', dry_run: false }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'bad_request', errors: [{ field: 'phone_number', message: expect.stringContaining('possible') }] });
      expect(await counts(tenantId)).toEqual({ messages: 0, links: 0 });
    });

    it("unknown passes, another tenant's pass and unknown members are 404", async () => {
      const { distribution } = await start();
      const tenantId = randomUUID();
      const othersPass = passGen.addPass(randomUUID());
      for (const request of [{ pass_id: randomUUID() }, { pass_id: othersPass.pass_id }, { pass_id: 'not-a-uuid' }, { member_id: 'NOBODY' }]) {
        const error = await distribution.send(tenantCtx(tenantId), { ...request, phone_number: REAL_NUMBER, dry_run: false }).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'not_found' });
      }
      expect(await counts(tenantId)).toEqual({ messages: 0, links: 0 });
    });

    it('a voided pass is a 422', async () => {
      const { distribution } = await start();
      const tenantId = randomUUID();
      const pass = passGen.addPass(tenantId, { status: 'voided' });
      const error = await distribution.send(tenantCtx(tenantId), { pass_id: pass.pass_id, phone_number: REAL_NUMBER, dry_run: true }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'unprocessable', message: expect.stringContaining('voided') });
    });

    it('without Twilio configuration a real send is a 422 naming what is missing, and a dry run still works', async () => {
      const { distribution } = await start({ TWILIO_ACCOUNT_SID: undefined, TWILIO_AUTH_TOKEN: undefined, TWILIO_FROM: undefined });
      const tenantId = randomUUID();
      const pass = passGen.addPass(tenantId);
      const error = await distribution.send(tenantCtx(tenantId), { pass_id: pass.pass_id, phone_number: REAL_NUMBER, dry_run: false }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'unprocessable', message: expect.stringContaining('TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM') });
      expect(await counts(tenantId)).toEqual({ messages: 0, links: 0 });
      await expect(distribution.send(tenantCtx(tenantId), { pass_id: pass.pass_id, phone_number: REAL_NUMBER, dry_run: true })).resolves.toMatchObject({ status: 'dry_run' });
    });

    it('past the daily quota a real send is a 429 that says so, with the seconds until midnight UTC; dry runs do not count', async () => {
      const { distribution } = await start({ SMS_DAILY_QUOTA: 2 });
      const tenantId = randomUUID();
      const pass = passGen.addPass(tenantId);
      const send = (dryRun: boolean) => distribution.send(tenantCtx(tenantId), { pass_id: pass.pass_id, phone_number: REAL_NUMBER, dry_run: dryRun });
      await send(true);
      await send(false);
      await send(false);
      const error = (await send(false).catch((e: unknown) => e)) as DomainError;
      expect(error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/daily SMS quota.*2 SMS per day/i) });
      expect(error.retryAfter).toBeGreaterThan(0);
      expect(error.retryAfter).toBeLessThanOrEqual(86_400);
      // Another tenant has its own quota.
      const other = randomUUID();
      const otherPass = passGen.addPass(other);
      await expect(distribution.send(tenantCtx(other), { pass_id: otherPass.pass_id, phone_number: REAL_NUMBER, dry_run: false })).resolves.toMatchObject({ status: 'queued' });
    });

    it('concurrent sends never overshoot the quota', async () => {
      const { quota } = await start({ SMS_DAILY_QUOTA: 5 });
      const tenantId = randomUUID();
      const results = await Promise.allSettled(Array.from({ length: 20 }, () => quota.reserve(tenantId)));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
      expect(await quota.used(tenantId)).toBe(5);
    });
  });

  describe('a real send', () => {
    it('reaches Twilio through the SDK with Basic auth, To, From, Body and the status callback; signed callbacks then move it to delivered', async () => {
      const { distribution, config } = await start();
      const tenantId = randomUUID();
      const pass = passGen.addPass(tenantId);
      const result = await distribution.send(tenantCtx(tenantId), { pass_id: pass.pass_id, phone_number: REAL_NUMBER, dry_run: false });
      expect(result).toMatchObject({ status: 'queued', dry_run: false });

      const sms = await fake.waitForMessage((m) => m.body === result.body, 10_000);
      const call = fake.calls.find((c) => c.params.Body === result.body);
      expect(call).toMatchObject({ accountSid: ACCOUNT_SID, authHeaderValid: true, params: { To: REAL_NUMBER, From: FROM, StatusCallback: `${config.PUBLIC_BASE_URL}/v1/twilio/status` } });
      expect(sms.body).toContain(result.short_url);
      const stored = await waitFor('the SID to be stored', async () => (await db.getRepository(SmsMessage).findOneByOrFail({ id: result.message_id })).providerSid ?? undefined);
      expect(stored).toBe(sms.sid);

      expect((await fake.sendStatusCallback(sms.sid, 'sent')).statusCode).toBe(204);
      expect(await db.getRepository(SmsMessage).findOneByOrFail({ id: result.message_id })).toMatchObject({ status: 'sent' });
      expect((await fake.sendStatusCallback(sms.sid, 'delivered')).statusCode).toBe(204);
      // A late duplicate changes nothing and emits nothing.
      expect((await fake.sendStatusCallback(sms.sid, 'sent')).statusCode).toBe(204);
      expect(await db.getRepository(SmsMessage).findOneByOrFail({ id: result.message_id })).toMatchObject({ status: 'delivered' });

      const [sent] = await outbox('sms.sent', result.message_id);
      expect(sent.data).toEqual({ message_id: result.message_id, pass_id: pass.pass_id, member_id: 'MEMBER-001', to: '+1******0123', short_code: result.short_url.slice(-12) });
      expect(await outbox('sms.sent', result.message_id)).toHaveLength(1);
      expect(await outbox('sms.delivered', result.message_id)).toHaveLength(1);
    });

    it('refuses a forged status callback and leaves the message as it was', async () => {
      const { distribution } = await start();
      const tenantId = randomUUID();
      const pass = passGen.addPass(tenantId);
      const result = await distribution.send(tenantCtx(tenantId), { pass_id: pass.pass_id, phone_number: REAL_NUMBER, dry_run: false });
      const sms = await fake.waitForMessage((m) => m.body === result.body, 10_000);
      await waitFor('the SID to be stored', async () => (await db.getRepository(SmsMessage).findOneByOrFail({ id: result.message_id })).providerSid ?? undefined);

      expect((await fake.sendForgedStatusCallback(sms.sid, 'delivered')).statusCode).toBe(403);
      expect(await db.getRepository(SmsMessage).findOneByOrFail({ id: result.message_id })).toMatchObject({ status: 'queued' });
      expect(await outbox('sms.delivered', result.message_id)).toHaveLength(0);

      // Twilio's own word still counts afterwards, with its error code.
      expect((await fake.sendStatusCallback(sms.sid, 'failed')).statusCode).toBe(204);
      expect(await db.getRepository(SmsMessage).findOneByOrFail({ id: result.message_id })).toMatchObject({ status: 'failed', errorCode: '30008' });
      expect(await outbox('sms.failed', result.message_id)).toHaveLength(1);
    });

    it('retries a Twilio outage and sends exactly once', async () => {
      const { distribution } = await start();
      const tenantId = randomUUID();
      const pass = passGen.addPass(tenantId);
      fake.failNext({ status: 503, code: 20503, message: 'Service unavailable' });
      const result = await distribution.send(tenantCtx(tenantId), { pass_id: pass.pass_id, phone_number: REAL_NUMBER, dry_run: false });
      await fake.waitForMessage((m) => m.body === result.body, 20_000);
      const message = await waitFor('the SID to be stored', async () => {
        const row = await db.getRepository(SmsMessage).findOneByOrFail({ id: result.message_id });
        return row.providerSid ? row : undefined;
      });
      expect(message).toMatchObject({ status: 'queued', sendAttempts: 2 });
      expect(fake.messages.filter((m) => m.body === result.body)).toHaveLength(1);
    });

    it('records a permanent Twilio refusal as failed, with its code, and emits sms.failed', async () => {
      const { distribution, queue } = await start();
      const tenantId = randomUUID();
      const pass = passGen.addPass(tenantId);
      fake.failNext({ status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
      const result = await distribution.send(tenantCtx(tenantId), { pass_id: pass.pass_id, phone_number: REAL_NUMBER, dry_run: false });
      const failed = await waitFor('the message to fail', async () => {
        const row = await db.getRepository(SmsMessage).findOneByOrFail({ id: result.message_id });
        return row.status === 'failed' ? row : undefined;
      });
      expect(failed).toMatchObject({ errorCode: '21610', errorMessage: 'Attempt to send to unsubscribed recipient', sendAttempts: 1 });
      expect((await outbox('sms.failed', result.message_id)).map((e) => e.data)).toEqual([
        { message_id: result.message_id, pass_id: pass.pass_id, member_id: 'MEMBER-001', error_code: '21610' },
      ]);
      expect(await queue.getCompletedCount()).toBe(1);
    });

    it('paces one tenant to its send rate without holding up another', async () => {
      const { config } = await start({ SMS_SEND_RATE_PER_SEC: 2 });
      const limiter = new SmsSendRateLimiter(redis, config);
      const busy = randomUUID();
      const waits = [await limiter.take(busy), await limiter.take(busy), await limiter.take(busy)];
      expect(waits.slice(0, 2)).toEqual([0, 0]);
      expect(waits[2]).toBeGreaterThan(0);
      // The tenant's budget is a one-second window: the third send waits for it to end.
      expect(waits[2]).toBeLessThanOrEqual(1000);
      expect(await limiter.take(randomUUID())).toBe(0);
    });
  });

  describe('short links and the page', () => {
    async function sentLink() {
      const ctx = await start();
      const tenantId = randomUUID();
      const pass = passGen.addPass(tenantId);
      const result = await ctx.distribution.send(tenantCtx(tenantId), { pass_id: pass.pass_id, phone_number: '+1234567890', dry_run: true });
      return { ...ctx, tenantId, pass, result, code: result.short_url.slice(-12) };
    }

    it('a follow is a 302 to the page (marked as from the SMS), counted and emitted as link.clicked', async () => {
      const { links, code, pass, result, config } = await sentLink();
      const reply = (await links.follow({ code, count: true })) as Extract<WebReply, { kind: 'redirect' }>;
      expect(reply.kind).toBe('redirect');
      expect(reply.location).toMatch(new RegExp(`^${config.PUBLIC_BASE_URL}/p/[0-9A-Za-z]{22}\\?via=sms$`));
      await links.follow({ code, count: true });
      await links.follow({ code, count: false });
      expect((await db.getRepository(ShortLink).findOneByOrFail({ code })).clicks).toBe(2);
      const clicks = await outbox('link.clicked', code);
      expect(clicks.map((e) => e.data)).toEqual([
        { short_code: code, pass_id: pass.pass_id, member_id: 'MEMBER-001' },
        { short_code: code, pass_id: pass.pass_id, member_id: 'MEMBER-001' },
      ]);
      expect(result.status).toBe('dry_run');
    });

    it('unknown and malformed codes get the friendly 404 page', async () => {
      const { links } = await start();
      for (const code of ['AAAAAAAAAAAA', 'nope', '../../etc/passwd']) {
        const reply = await links.follow({ code, count: true });
        expect(reply).toEqual({ kind: 'html', status: 404, html: expect.stringContaining('This link is not valid or has expired') });
      }
    });

    it('the page and its .pkpass act inside the link tenant, passing on how the visitor came', async () => {
      const { links, pages, code } = await sentLink();
      const location = ((await links.follow({ code, count: true })) as Extract<WebReply, { kind: 'redirect' }>).location;
      const token = /\/p\/([0-9A-Za-z]{22})/.exec(location)?.[1] as string;
      const ctx: CallContext = { requestId: randomUUID(), actor: { kind: 'anonymous' } };
      const page = (await pages.render(ctx, { token, user_agent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)', source: 'sms' })) as Extract<WebReply, { kind: 'html' }>;
      expect(page.status).toBe(200);
      expect(page.html).toContain(`href="/p/${token}/pass.pkpass?via=sms"`);
      expect(await pages.pkpass(ctx, { token, source: 'sms' })).toMatchObject({ kind: 'file', content_type: 'application/vnd.apple.pkpass' });
      await pages.pkpass(ctx, { token, source: 'page' });
      expect(passGen.bundleChannels).toEqual(['sms', 'page']);
      expect(await pages.render(ctx, { token: 'x'.repeat(22), user_agent: null, source: 'page' })).toMatchObject({ kind: 'html', status: 404 });
    });

    it("the page of a Google pass serves the member's Apple pass as its .pkpass", async () => {
      const { distribution, links, pages } = await start();
      const tenantId = randomUUID();
      const google = passGen.addPass(tenantId, { pass_type: 'google', member_id: 'MEMBER-G' });
      const result = await distribution.send(tenantCtx(tenantId), { pass_id: google.pass_id, phone_number: '+1234567890', dry_run: true });
      const location = ((await links.follow({ code: result.short_url.slice(-12), count: true })) as Extract<WebReply, { kind: 'redirect' }>).location;
      const token = /\/p\/([0-9A-Za-z]{22})/.exec(location)?.[1] as string;
      const ctx: CallContext = { requestId: randomUUID(), actor: { kind: 'anonymous' } };
      expect(await pages.pkpass(ctx, { token, source: 'sms' })).toMatchObject({ kind: 'file' });
      expect(passGen.ensureCalls).toEqual([{ tenantId, member_id: 'MEMBER-G', channel: 'sms' }]);
      const apple = [...passGen.passes.values()].find((e) => e.pass.member_id === 'MEMBER-G' && e.pass.pass_type === 'apple');
      expect(passGen.bundlePasses).toEqual([apple?.pass.pass_id]);
    });
  });
});
