import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DemoPassQueryDto, Message, PassFile, PassPatterns } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { DemoService } from './demo.service';

@Controller()
export class DemoController {
  constructor(private readonly demo: DemoService) {}

  @Rpc(PassPatterns.demo)
  get(@Payload() { payload }: Message<DemoPassQueryDto>): Promise<PassFile> {
    return this.demo.demo(payload);
  }
}
