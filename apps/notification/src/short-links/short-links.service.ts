import { Inject, Injectable } from '@nestjs/common';
import { WebReply } from '@wp/contracts';
import { appendEvent, createEvent } from '@wp/events';
import { CONFIG } from '@wp/service-runtime';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { NotificationConfig } from '../config';
import { HostedPage } from '../hosted-page/hosted-page.entity';
import { pageUrl } from '../hosted-page/pass-page.model';
import { notFoundReply } from '../hosted-page/web-replies';
import { SHORT_CODE, newShortCode } from './link-code.generator';
import { ShortLink } from './short-link.entity';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class ShortLinksService {
  constructor(
    private readonly db: DataSource,
    @Inject(CONFIG) private readonly config: NotificationConfig,
  ) {}

  async create(tx: EntityManager, page: HostedPage, channel: ShortLink['channel'] = 'sms'): Promise<ShortLink> {
    // A collision in 71 bits is not expected in the life of the universe, but a retry is cheap
    // and a savepoint keeps the caller's transaction usable if one ever happens.
    for (let attempt = 1; ; attempt++) {
      try {
        return await tx.transaction((inner) => inner.save(inner.create(ShortLink, { tenantId: page.tenantId, code: newShortCode(), hostedPageId: page.id, channel })));
      } catch (error) {
        const duplicate = error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION;
        if (!duplicate || attempt >= 3) throw error;
      }
    }
  }

  url(code: string): string {
    return `${this.config.SHORT_LINK_BASE_URL ?? this.config.PUBLIC_BASE_URL}/s/${code}`;
  }

  /**
   * GET /s/{code}: a 302 to the hosted page. Each follow is counted and emitted as
   * link.clicked in the same transaction, so the count and the event log never disagree.
   */
  async follow(request: { code: string; count: boolean }): Promise<WebReply> {
    if (!SHORT_CODE.test(request.code)) return notFoundReply();
    return this.db.transaction(async (tx) => {
      const link = await tx.findOne(ShortLink, { where: { code: request.code }, relations: { hostedPage: true } });
      if (!link?.hostedPage) return notFoundReply();
      const page = link.hostedPage;
      if (request.count) {
        await tx
          .createQueryBuilder()
          .update(ShortLink)
          .set({ clicks: () => 'clicks + 1', lastClickedAt: () => 'now()' })
          .where('id = :id', { id: link.id })
          .execute();
        await appendEvent(tx, createEvent('link.clicked', link.tenantId, { short_code: link.code, pass_id: page.passId, member_id: page.memberId }));
      }
      return { kind: 'redirect', location: pageUrl(this.config.PUBLIC_BASE_URL, page.token, link.channel ?? 'sms') };
    });
  }
}
