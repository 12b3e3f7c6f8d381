import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ApplyImportRows, ApplyImportRowsResult, ExportMembersPage, ExportedMembersPage, MemberPatterns, Message, requireTenant } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { MemberExportService } from './member-export.service';
import { MemberImportService } from './member-import.service';

@Controller()
export class ImportExportController {
  constructor(
    private readonly imports: MemberImportService,
    private readonly exports: MemberExportService,
  ) {}

  @Rpc(MemberPatterns.importRows)
  importRows(@Payload() { ctx, payload }: Message<ApplyImportRows>): Promise<ApplyImportRowsResult> {
    return this.imports.apply(ctx, payload.rows);
  }

  @Rpc(MemberPatterns.exportPage)
  exportPage(@Payload() { ctx, payload }: Message<ExportMembersPage>): Promise<ExportedMembersPage> {
    return this.exports.page(requireTenant(ctx), payload);
  }
}
