import { Inject, Injectable } from '@nestjs/common';
import { appendEvent, createEvent } from '@wp/events';
import { processMetrics } from '@wp/observability';
import { LOGGER } from '@wp/service-runtime';
import { X509Certificate } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { WalletCredential } from '../wallet-credentials/wallet-credential.entity';
import { WalletCredentialsService } from '../wallet-credentials/wallet-credentials.service';
import { reachedThresholds } from './expiry-thresholds';

/**
 * `tenant.certificate_expiring` at 30, 14, 7 and 1 days before a tenant's Apple pass
 * certificate expires, once per threshold per certificate. Checked at upload and daily. When
 * several thresholds are reached at once (a certificate uploaded 10 days before expiry), one
 * event for the nearest is sent and the others are settled with it: older news is noise.
 */
@Injectable()
export class CertificateExpiryService {
  constructor(
    private readonly db: DataSource,
    private readonly credentials: WalletCredentialsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Every tenant with an Apple certificate; returns how many alerts were recorded. */
  async checkAll(now = new Date()): Promise<number> {
    const rows = await this.db.getRepository(WalletCredential).find({ where: { wallet: 'apple' }, select: { tenantId: true } });
    let sent = 0;
    for (const row of rows) {
      try {
        if (await this.checkTenant(row.tenantId, now)) sent += 1;
      } catch (error) {
        this.logger.warn({ tenant_id: row.tenantId, err: (error as Error).message }, 'certificate expiry check failed; retried at the next run');
      }
    }
    return sent;
  }

  /** True when this call recorded an alert. */
  async checkTenant(tenantId: string, now = new Date()): Promise<boolean> {
    const apple = await this.credentials.appleSigning(tenantId);
    if (!apple) return false;
    const certificate = new X509Certificate(apple.certificatePem);
    const notAfter = new Date(certificate.validTo);
    processMetrics().certificateExpiry.set({ tenant_id: tenantId, kind: 'apple_pass_certificate' }, Math.floor(notAfter.getTime() / 1000));
    const { daysLeft, reached } = reachedThresholds(notAfter, now);
    if (reached.length === 0) return false;
    const fingerprint = certificate.fingerprint256.replace(/:/g, '').toLowerCase();
    const nearest = Math.min(...reached);
    return this.db.transaction(async (tx) => {
      const inserted = (await tx.query(
        `INSERT INTO tenant.certificate_expiry_alerts (tenant_id, certificate_fingerprint, threshold_days)
         SELECT $1, $2, unnest($3::smallint[])
         ON CONFLICT DO NOTHING RETURNING threshold_days`,
        [tenantId, fingerprint, reached],
      )) as Array<{ threshold_days: number }>;
      if (!inserted.some((row) => row.threshold_days === nearest)) return false;
      await appendEvent(
        tx,
        createEvent('tenant.certificate_expiring', tenantId, { kind: 'apple_pass_certificate', not_after: notAfter.toISOString(), days_left: daysLeft }, now),
      );
      return true;
    });
  }
}
