import { Inject, Injectable } from '@nestjs/common';
import { CallContext, DomainError, PageVisitSource, PassFile, PassInternalPatterns, TenantPatterns, WebReply } from '@wp/contracts';
import { detectPlatform, renderPassPage } from '@wp/hosted-page';
import { RpcClient } from '@wp/messaging';
import { CONFIG } from '@wp/service-runtime';
import { DataSource, EntityManager } from 'typeorm';
import type { NotificationConfig } from '../config';
import { PAGE_TOKEN, newPageToken } from '../short-links/link-code.generator';
import { HostedPage } from './hosted-page.entity';
import { pageUrl, toPassPageModel } from './pass-page.model';
import { notFoundReply, tenantCall } from './web-replies';

@Injectable()
export class HostedPagesService {
  constructor(
    private readonly db: DataSource,
    private readonly rpc: RpcClient,
    @Inject(CONFIG) private readonly config: NotificationConfig,
  ) {}

  /** The pass's page, made on first use; later sends of the same pass reuse it. */
  async ensure(tx: EntityManager, tenantId: string, passId: string, memberId: string | null): Promise<HostedPage> {
    await tx.createQueryBuilder().insert().into(HostedPage).values({ tenantId, passId, memberId, token: newPageToken() }).orIgnore().execute();
    return tx.findOneByOrFail(HostedPage, { tenantId, passId });
  }

  url(page: HostedPage): string {
    return pageUrl(this.config.PUBLIC_BASE_URL, page.token);
  }

  /** GET /p/{token}: the pass as its holder sees it, with the button(s) for their device. */
  async render(ctx: CallContext, request: { token: string; user_agent: string | null; source: PageVisitSource }): Promise<WebReply> {
    const page = await this.find(request.token);
    if (!page || !(await this.tenantActive(ctx, page.tenantId))) return notFoundReply();
    const pass = await this.orNull(this.rpc.send(PassInternalPatterns.hostedPage, tenantCall(ctx, page.tenantId), { pass_id: page.passId }));
    if (!pass) return notFoundReply();
    const model = toPassPageModel(pass, detectPlatform(request.user_agent), {
      token: page.token,
      source: request.source,
      publicBaseUrl: this.config.PUBLIC_BASE_URL,
    });
    return { kind: 'html', status: 200, html: renderPassPage(model) };
  }

  /** GET /p/{token}/pass.pkpass: the signed pass, no API key; the channel tells insights how it got out. */
  async pkpass(ctx: CallContext, request: { token: string; source: PageVisitSource }): Promise<WebReply> {
    const page = await this.find(request.token);
    if (!page || !(await this.tenantActive(ctx, page.tenantId))) return notFoundReply();
    const call = tenantCall(ctx, page.tenantId);
    const file = await this.orNull(this.appleBundle(call, page.passId, request.source));
    if (!file) return notFoundReply();
    return { kind: 'file', filename: file.filename, content_type: file.content_type, body_base64: file.body_base64 };
  }

  /**
   * The page of a Google pass offers Apple Wallet too (it is the member's page): its
   * .pkpass is the member's Apple pass, made on first download like the Google one is made
   * on first view.
   */
  private async appleBundle(call: CallContext, passId: string, channel: PageVisitSource): Promise<PassFile> {
    try {
      return await this.rpc.send(PassInternalPatterns.appleBundle, call, { pass_id: passId, channel });
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'unprocessable')) throw error;
      const pass = await this.rpc.send(PassInternalPatterns.getPass, call, { pass_id: passId });
      if (pass.pass_type !== 'google' || !pass.member_id) throw error;
      const apple = await this.rpc.send(PassInternalPatterns.ensureMemberPass, call, { member_id: pass.member_id, pass_type: 'apple', channel });
      return this.rpc.send(PassInternalPatterns.appleBundle, call, { pass_id: apple.pass_id, channel });
    }
  }

  /** A suspended tenant's links are dead links: the same 404 page as a token that never existed. */
  private async tenantActive(ctx: CallContext, tenantId: string): Promise<boolean> {
    const profile = await this.orNull(this.rpc.send(TenantPatterns.getTenantProfile, tenantCall(ctx, tenantId), {}));
    return profile?.status === 'active';
  }

  private async find(token: string): Promise<HostedPage | null> {
    if (!PAGE_TOKEN.test(token)) return null;
    return this.db.getRepository(HostedPage).findOneBy({ token });
  }

  /** A pass deleted since its link went out is a dead link, not an error. */
  private async orNull<T>(call: Promise<T>): Promise<T | null> {
    try {
      return await call;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not_found') return null;
      throw error;
    }
  }
}
