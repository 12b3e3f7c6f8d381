import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AuditEntryView, AuditLogPatterns, BeginAuditEntry, FinishAuditEntry, ListAuditLogQueryDto, Message, Page } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { AuditLogService } from './audit-log.service';

@Controller()
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Rpc(AuditLogPatterns.begin)
  begin(@Payload() { payload }: Message<BeginAuditEntry>): Promise<{ id: string }> {
    return this.auditLog.begin(payload);
  }

  @Rpc(AuditLogPatterns.finish)
  finish(@Payload() { payload }: Message<FinishAuditEntry>): Promise<{ id: string }> {
    return this.auditLog.finish(payload);
  }

  @Rpc(AuditLogPatterns.list)
  list(@Payload() { payload }: Message<ListAuditLogQueryDto>): Promise<Page<AuditEntryView>> {
    return this.auditLog.list(payload);
  }
}
