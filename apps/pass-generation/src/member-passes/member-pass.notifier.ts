import { Inject, Injectable, Logger } from '@nestjs/common';
import { MemberPatterns } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { CONFIG } from '@wp/service-runtime';
import { DataSource, IsNull } from 'typeorm';
import { systemContext } from '../internal/system-context';
import { Pass } from '../passes/pass.entity';
import { memberPassView } from '../passes/pass.view';
import type { PassGenerationConfig } from '../tokens';

/**
 * Tells member-data a member's current pass list, so GET /v1/members/{id} never waits on
 * this service. Called right after a pass changes on the API path (read-your-writes: the
 * caller's next GET shows it) and again from the pass's own durable event (pass.created,
 * pass.voided, a status change), which retries until member-data has it. Each report carries
 * the time it was read; member-data keeps the newest, so reports may arrive in any order.
 */
@Injectable()
export class MemberPassNotifier {
  private readonly logger = new Logger(MemberPassNotifier.name);

  constructor(
    private readonly db: DataSource,
    private readonly rpc: RpcClient,
    @Inject(CONFIG) private readonly config: PassGenerationConfig,
  ) {}

  /** Reports the list of the member that holds this pass; throws when member-data did not get it. */
  async report(tenantId: string, passId: string, requestId: string): Promise<void> {
    const pass = await this.db.getRepository(Pass).findOne({ where: { tenantId, id: passId }, select: { id: true, memberUuid: true } });
    if (!pass) return;
    // Read the clock before the list: a later report then never carries an older list.
    // Text keeps Postgres's microseconds: two reports within one millisecond still order.
    const [{ now }] = (await this.db.query('SELECT clock_timestamp()::text AS now')) as [{ now: string }];
    const passes = await this.db.getRepository(Pass).find({
      where: { tenantId, memberUuid: pass.memberUuid, deletedAt: IsNull() },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: 100,
    });
    await this.rpc.send(MemberPatterns.recordPasses, systemContext(tenantId, requestId), {
      member_uuid: pass.memberUuid,
      passes: passes.map((p) => memberPassView(p, this.config.PUBLIC_BASE_URL)),
      as_of: now,
    });
  }

  /** On the request path: a failure is logged, and the pass's event delivers the list later. */
  async reportSoon(tenantId: string, passId: string, requestId: string): Promise<void> {
    await this.report(tenantId, passId, requestId).catch((error: Error) =>
      this.logger.warn(`member-data did not take the pass list of pass ${passId} now (${error.message}); its event will deliver it`),
    );
  }
}
