import { SecretBox } from '@wp/crypto';
import { openServiceDatabase } from '@wp/database';
import { createTestCa, issuePassCertificate } from '@wp/pkpass/testing';
import { scratchDatabase } from '@wp/testing';
import { X509Certificate, randomBytes } from 'node:crypto';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { tenantDatabase } from '../database';
import { Tenant } from '../tenants/tenant.entity';
import { WalletCredentialsService } from '../wallet-credentials/wallet-credentials.service';
import { CertificateExpiryService } from './certificate-expiry.service';

const DAY = 86_400_000;

/**
 * tenant.certificate_expiring with a clock the test controls, against the real Postgres
 * schema: once per threshold per certificate, however many checks (replicas, restarts,
 * the upload and the daily job) run, and again for a renewed certificate.
 */
describe('certificate expiry alerts', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let db: DataSource;
  let credentials: WalletCredentialsService;
  let expiry: CertificateExpiryService;
  const ca = createTestCa();

  beforeAll(async () => {
    scratch = await scratchDatabase('wp_expiry');
    db = await openServiceDatabase({ ...tenantDatabase, url: scratch.url });
    credentials = new WalletCredentialsService(db, new SecretBox(randomBytes(32), 'test0001'));
    expiry = new CertificateExpiryService(db, credentials, pino({ level: 'silent' }));
  });
  afterAll(async () => {
    await db.destroy();
    await scratch.drop();
  });

  async function tenantWithCertificate(): Promise<{ tenantId: string; notAfter: Date; upload: () => Promise<Date> }> {
    const tenant = await db.getRepository(Tenant).save({ companyName: 'Expiring Coffee', contactEmail: 'ops@example.com', contactName: 'Ops' });
    const upload = async () => {
      const certificate = issuePassCertificate(ca, { passTypeIdentifier: 'pass.example.expiry', teamIdentifier: 'TEAMEXP01' });
      await credentials.putApple(tenant.id, {
        pass_type_identifier: 'pass.example.expiry',
        team_identifier: 'TEAMEXP01',
        certificate_pem: certificate.certificatePem,
        private_key_pem: certificate.privateKeyPem,
      });
      return new Date(new X509Certificate(certificate.certificatePem).validTo);
    };
    const notAfter = await upload();
    return { tenantId: tenant.id, notAfter, upload };
  }

  async function alerts(tenantId: string): Promise<Array<{ days_left: number; not_after: string; kind: string }>> {
    const rows = (await db.query(`SELECT data FROM tenant.outbox WHERE tenant_id = $1 AND type = 'tenant.certificate_expiring' ORDER BY seq`, [tenantId])) as Array<{
      data: { days_left: number; not_after: string; kind: string };
    }>;
    return rows.map((row) => row.data);
  }

  it('fires once at each of 30, 14, 7 and 1 days, however often and concurrently it is checked', async () => {
    const { tenantId, notAfter } = await tenantWithCertificate();
    const before = (days: number) => new Date(notAfter.getTime() - days * DAY);

    expect(await expiry.checkTenant(tenantId, before(40))).toBe(false);
    // Day by day from 40 days out to the expiry, each day checked by three "replicas" at once.
    for (let days = 40; days >= 0; days -= 0.5) {
      await Promise.all([expiry.checkTenant(tenantId, before(days)), expiry.checkTenant(tenantId, before(days)), expiry.checkAll(before(days))]);
    }
    expect(await alerts(tenantId)).toEqual([
      { kind: 'apple_pass_certificate', not_after: notAfter.toISOString(), days_left: 29 },
      { kind: 'apple_pass_certificate', not_after: notAfter.toISOString(), days_left: 13 },
      { kind: 'apple_pass_certificate', not_after: notAfter.toISOString(), days_left: 6 },
      { kind: 'apple_pass_certificate', not_after: notAfter.toISOString(), days_left: 0 },
    ]);
    // After the expiry: nothing more.
    expect(await expiry.checkTenant(tenantId, new Date(notAfter.getTime() + DAY))).toBe(false);
    expect(await alerts(tenantId)).toHaveLength(4);
  });

  it('a certificate first seen 10 days out alerts once for the nearest threshold, and a renewed one starts over', async () => {
    const { tenantId, notAfter, upload } = await tenantWithCertificate();
    const tenDaysOut = new Date(notAfter.getTime() - 10 * DAY);
    expect(await expiry.checkTenant(tenantId, tenDaysOut)).toBe(true);
    expect(await expiry.checkTenant(tenantId, tenDaysOut)).toBe(false);
    expect((await alerts(tenantId)).map((a) => a.days_left)).toEqual([10]);

    const renewed = await upload();
    expect(await expiry.checkTenant(tenantId, new Date(renewed.getTime() - 10 * DAY))).toBe(true);
    expect((await alerts(tenantId)).map((a) => a.not_after)).toEqual([notAfter.toISOString(), renewed.toISOString()]);
  });
});
