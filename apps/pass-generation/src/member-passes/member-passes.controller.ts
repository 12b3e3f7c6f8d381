import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { MemberPassView, MemberPassesPatterns, Message, requireTenant } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { CONFIG } from '@wp/service-runtime';
import { DataSource, IsNull } from 'typeorm';
import { Pass } from '../passes/pass.entity';
import { memberPassView } from '../passes/pass.view';
import type { PassGenerationConfig } from '../tokens';

/** Member-data asks for a member's passes when it answers GET /v1/members/{id}. */
@Controller()
export class MemberPassesController {
  constructor(
    private readonly db: DataSource,
    @Inject(CONFIG) private readonly config: PassGenerationConfig,
  ) {}

  @Rpc(MemberPassesPatterns.byMember)
  async byMember(@Payload() { ctx, payload }: Message<{ member_id: string }>): Promise<MemberPassView[]> {
    const passes = await this.db.getRepository(Pass).find({
      where: { tenantId: requireTenant(ctx), memberId: payload.member_id, deletedAt: IsNull() },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: 100,
    });
    return passes.map((pass) => memberPassView(pass, this.config.PUBLIC_BASE_URL));
  }
}
