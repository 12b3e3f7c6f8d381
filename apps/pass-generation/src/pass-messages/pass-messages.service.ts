import { Inject, Injectable } from '@nestjs/common';
import { CallContext, DomainError, MemberPatterns, PassSummary, ShownMessage, requireTenant } from '@wp/contracts';
import { GoogleWalletError } from '@wp/google-wallet';
import { RpcClient } from '@wp/messaging';
import { CONFIG } from '@wp/service-runtime';
import { DataSource, IsNull, Not } from 'typeorm';
import { GOOGLE_OBJECT_TYPE, GooglePassService } from '../google/google-pass.service';
import { Pass } from '../passes/pass.entity';
import { publishNewVersions } from '../passes/pass-versions';
import { passSummary } from '../passes/pass.view';
import { PassesService } from '../passes/passes.service';
import type { PassGenerationConfig } from '../tokens';

/** When Google's notification quota is spent and we cannot tell when it frees up. */
const GOOGLE_QUOTA_RETRY_S = 3600;

/**
 * Messages to pass holders (POST /v1/notifications, which notification owns): on an Apple
 * pass the message becomes a back field with a changeMessage in a new version, which the
 * live-update path pushes to every registered device; on a Google pass it is Google's
 * addMessage with TEXT_AND_NOTIFY.
 */
@Injectable()
export class PassMessagesService {
  constructor(
    private readonly db: DataSource,
    private readonly rpc: RpcClient,
    private readonly passes: PassesService,
    private readonly google: GooglePassService,
    @Inject(CONFIG) private readonly config: PassGenerationConfig,
  ) {}

  /** One pass (not voided), or every live pass of the member. */
  async targets(ctx: CallContext, target: { pass_id?: string; member_id?: string }): Promise<PassSummary[]> {
    const tenantId = requireTenant(ctx);
    if (target.pass_id) {
      const pass = await this.passes.require(this.db.manager, tenantId, target.pass_id);
      if (pass.status === 'voided') throw new DomainError('unprocessable', 'The pass is voided; it can no longer show messages');
      return [passSummary(pass, this.config.PUBLIC_BASE_URL)];
    }
    if (!target.member_id) throw DomainError.invalid('pass_id', 'give pass_id or member_id');
    const live = await this.db.getRepository(Pass).find({
      where: { tenantId, memberId: target.member_id, deletedAt: IsNull(), status: Not('voided') },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: 100,
    });
    if (live.length > 0) return live.map((pass) => passSummary(pass, this.config.PUBLIC_BASE_URL));
    // Unknown member (404) or a member without a pass (422): member-data knows which.
    await this.rpc.send(MemberPatterns.getSnapshot, ctx, { member_id: target.member_id });
    throw new DomainError('unprocessable', 'The member has no active pass to show a message on; create one with POST /v1/passes/create-from-member');
  }

  async show(ctx: CallContext, passId: string, message: string, messageId: string): Promise<ShownMessage> {
    const tenantId = requireTenant(ctx);
    const pass = await this.passes.require(this.db.manager, tenantId, passId);
    if (pass.passType === 'google') return this.showOnGoogle(ctx, pass, message, messageId);
    const version = await this.db.transaction(async (tx) => {
      const locked = await this.passes.require(tx, tenantId, passId, true);
      if (locked.status === 'voided') throw new DomainError('unprocessable', 'The pass is voided; it can no longer show messages');
      locked.message = message;
      await tx.getRepository(Pass).update({ id: locked.id }, { message });
      await publishNewVersions(tx, [locked], 'notification');
      return locked.version;
    });
    return { pass_id: pass.id, pass_type: 'apple', version };
  }

  private async showOnGoogle(ctx: CallContext, pass: Pass, message: string, messageId: string): Promise<ShownMessage> {
    if (pass.status === 'voided') throw new DomainError('unprocessable', 'The pass is voided; it can no longer show messages');
    const account = await this.google.requireAccount(ctx);
    const objectId = pass.googleObjectId ?? this.google.objectId(account, pass);
    try {
      await this.google.addMessage(account, objectId, { header: pass.companyName, body: message, id: messageId, messageType: 'TEXT_AND_NOTIFY' }, GOOGLE_OBJECT_TYPE[pass.kind]);
    } catch (error) {
      throw googleMessageError(error);
    }
    return { pass_id: pass.id, pass_type: 'google', version: null };
  }
}

function googleMessageError(error: unknown): DomainError {
  if (error instanceof GoogleWalletError && error.isQuotaExceeded) {
    return new DomainError('rate_limited', 'Google Wallet allows 3 notifying messages per pass per 24 hours; this pass has had its 3', undefined, GOOGLE_QUOTA_RETRY_S);
  }
  if (error instanceof GoogleWalletError && error.status === 404) {
    return new DomainError('unprocessable', 'Google Wallet does not have this pass yet; retry in a minute');
  }
  if (error instanceof GoogleWalletError && error.status >= 400 && error.status < 500) {
    return new DomainError('unprocessable', `Google Wallet refused the message (${error.status} ${error.reason})`);
  }
  return new DomainError('unavailable', 'Google Wallet did not take the message; please retry', undefined, 5);
}
