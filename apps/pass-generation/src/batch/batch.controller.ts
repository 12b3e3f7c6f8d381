import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { BatchKey, BatchPatterns, BatchSubmittedView, BatchView, Message, SubmitBatchDto, requireTenant } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { BatchService } from './batch.service';

@Controller()
export class BatchController {
  constructor(private readonly batches: BatchService) {}

  @Rpc(BatchPatterns.submit)
  submit(@Payload() { ctx, payload }: Message<SubmitBatchDto>): Promise<BatchSubmittedView> {
    return this.batches.submit(ctx, payload);
  }

  @Rpc(BatchPatterns.get)
  get(@Payload() { ctx, payload }: Message<BatchKey>): Promise<BatchView> {
    return this.batches.get(requireTenant(ctx), payload.batch_id);
  }
}
