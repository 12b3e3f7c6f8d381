import { Injectable } from '@nestjs/common';
import { DomainError, PassTraceEntryView, PushOutcomeRecord } from '@wp/contracts';
import { DataSource } from 'typeorm';
import { Pass } from '../passes/pass.entity';
import { PassTraceEntry } from './pass-trace-entry.entity';
import { TRACE_RETENTION_DAYS, deviceLabel, recordTrace } from './trace-recorder';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const TRACE_DEFAULT_LIMIT = 100;
export const TRACE_MAX_LIMIT = 1000;

@Injectable()
export class PassTraceService {
  constructor(private readonly db: DataSource) {}

  /** Newest first; a pass of another tenant is a 404 like any other. */
  async list(tenantId: string, passId: string, limit = TRACE_DEFAULT_LIMIT): Promise<PassTraceEntryView[]> {
    const exists = UUID.test(passId) && (await this.db.getRepository(Pass).existsBy({ tenantId, id: passId }));
    if (!exists) throw DomainError.notFound('Pass');
    const rows = await this.db.getRepository(PassTraceEntry).find({
      where: { tenantId, passId },
      order: { at: 'DESC', id: 'DESC' },
      take: Math.min(Math.max(1, limit), TRACE_MAX_LIMIT),
    });
    return rows.map((row) => ({ at: row.at.toISOString(), kind: row.kind, ...row.detail }));
  }

  /** Notification reports what APNs answered for one device. */
  /** One apns_push step per push, in one insert. */
  async recordPushes(tenantId: string, pushes: PushOutcomeRecord[]): Promise<void> {
    if (pushes.length === 0) return;
    await recordTrace(
      this.db.manager,
      pushes.map((push) => ({
        tenantId,
        passId: push.pass_id,
        kind: 'apns_push' as const,
        detail: {
          device: deviceLabel(push.device_library_identifier),
          version: push.version,
          status_code: push.status_code,
          ...(push.reason ? { reason: push.reason } : {}),
          ...(push.apns_id ? { apns_id: push.apns_id } : {}),
          duration_ms: push.duration_ms,
        },
      })),
    );
  }

  async prune(): Promise<number> {
    const [, count] = (await this.db.query(`DELETE FROM pass.pass_trace WHERE at < now() - make_interval(days => $1)`, [TRACE_RETENTION_DAYS])) as [unknown, number];
    return count;
  }
}
