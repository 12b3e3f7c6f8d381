import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DistributionPatterns, Message, WebReply } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { ShortLinksService } from './short-links.service';

@Controller()
export class ShortLinksController {
  constructor(private readonly links: ShortLinksService) {}

  @Rpc(DistributionPatterns.followShortLink)
  follow(@Payload() { payload }: Message<{ code: string; count: boolean }>): Promise<WebReply> {
    return this.links.follow(payload);
  }
}
