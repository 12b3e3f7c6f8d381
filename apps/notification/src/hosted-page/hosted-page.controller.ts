import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DistributionPatterns, Message, PageVisitSource, WebReply } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { HostedPagesService } from './hosted-pages.service';

@Controller()
export class HostedPageController {
  constructor(private readonly pages: HostedPagesService) {}

  @Rpc(DistributionPatterns.hostedPage)
  render(@Payload() { ctx, payload }: Message<{ token: string; user_agent: string | null; source: PageVisitSource }>): Promise<WebReply> {
    return this.pages.render(ctx, payload);
  }

  @Rpc(DistributionPatterns.hostedPagePkpass)
  pkpass(@Payload() { ctx, payload }: Message<{ token: string; source: PageVisitSource }>): Promise<WebReply> {
    return this.pages.pkpass(ctx, payload);
  }
}
