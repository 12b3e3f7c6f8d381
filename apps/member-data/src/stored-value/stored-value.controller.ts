import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { BalanceChangeView, MemberKey, MemberValueChange, MemberValueChanged, Message, StoredValuePatterns, UpdateBalanceDto, requireTenant } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { StoredValueService } from './stored-value.service';

@Controller()
export class StoredValueController {
  constructor(private readonly storedValue: StoredValueService) {}

  @Rpc(StoredValuePatterns.updateBalance)
  changeBalance(@Payload() { ctx, payload: { member_id, ...change } }: Message<MemberKey & UpdateBalanceDto>): Promise<BalanceChangeView> {
    return this.storedValue.changeBalance(requireTenant(ctx), member_id, change, ctx.callId);
  }

  @Rpc(StoredValuePatterns.changeValue)
  changeValue(@Payload() { ctx, payload }: Message<MemberValueChange>): Promise<MemberValueChanged> {
    return this.storedValue.changeValue(requireTenant(ctx), payload);
  }
}
