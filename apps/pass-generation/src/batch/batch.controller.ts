import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  BatchKey,
  BatchPatterns,
  BatchSubmittedView,
  BatchSummaryView,
  BatchView,
  ImportAppend,
  ImportSeal,
  Message,
  Page,
  PageQueryDto,
  SubmitBatchDto,
  requireTenant,
} from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { BatchImportService } from './batch-import.service';
import { BatchService } from './batch.service';

@Controller()
export class BatchController {
  constructor(
    private readonly batches: BatchService,
    private readonly imports: BatchImportService,
  ) {}

  @Rpc(BatchPatterns.submit)
  submit(@Payload() { ctx, payload }: Message<SubmitBatchDto>): Promise<BatchSubmittedView> {
    return this.batches.submit(ctx, payload);
  }

  @Rpc(BatchPatterns.get)
  get(@Payload() { ctx, payload }: Message<BatchKey>): Promise<BatchView> {
    return this.batches.get(requireTenant(ctx), payload.batch_id);
  }

  @Rpc(BatchPatterns.list)
  list(@Payload() { ctx, payload }: Message<PageQueryDto>): Promise<Page<BatchSummaryView>> {
    return this.batches.list(requireTenant(ctx), payload);
  }

  @Rpc(BatchPatterns.importOpen)
  importOpen(@Payload() { ctx }: Message<Record<string, never>>): Promise<BatchKey> {
    return this.imports.open(ctx);
  }

  @Rpc(BatchPatterns.importAppend)
  importAppend(@Payload() { ctx, payload }: Message<ImportAppend>): Promise<{ staged: number }> {
    return this.imports.append(ctx, payload);
  }

  @Rpc(BatchPatterns.importSeal)
  importSeal(@Payload() { ctx, payload }: Message<ImportSeal>): Promise<BatchSubmittedView> {
    return this.imports.seal(ctx, payload);
  }

  @Rpc(BatchPatterns.importDiscard)
  importDiscard(@Payload() { ctx, payload }: Message<BatchKey>): Promise<{ discarded: boolean }> {
    return this.imports.discard(ctx, payload);
  }
}
