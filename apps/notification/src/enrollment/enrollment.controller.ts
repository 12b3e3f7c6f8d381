import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CreateEnrollmentFormDto,
  EnrollmentFormDeletedView,
  EnrollmentFormKey,
  EnrollmentFormView,
  EnrollmentPatterns,
  EnrollmentSubmission,
  Message,
  Page,
  PageQueryDto,
  WebReply,
  requireTenant,
} from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { EnrollmentFormsService } from './enrollment-forms.service';
import { EnrollmentPageService } from './enrollment-page.service';

@Controller()
export class EnrollmentController {
  constructor(
    private readonly forms: EnrollmentFormsService,
    private readonly pages: EnrollmentPageService,
  ) {}

  @Rpc(EnrollmentPatterns.create)
  create(@Payload() { ctx, payload }: Message<CreateEnrollmentFormDto>): Promise<EnrollmentFormView> {
    return this.forms.create(ctx, payload);
  }

  @Rpc(EnrollmentPatterns.list)
  list(@Payload() { ctx, payload }: Message<PageQueryDto>): Promise<Page<EnrollmentFormView>> {
    return this.forms.list(requireTenant(ctx), payload);
  }

  @Rpc(EnrollmentPatterns.get)
  get(@Payload() { ctx, payload }: Message<EnrollmentFormKey>): Promise<EnrollmentFormView> {
    return this.forms.get(requireTenant(ctx), payload.id);
  }

  @Rpc(EnrollmentPatterns.delete)
  delete(@Payload() { ctx, payload }: Message<EnrollmentFormKey>): Promise<EnrollmentFormDeletedView> {
    return this.forms.delete(requireTenant(ctx), payload.id);
  }

  @Rpc(EnrollmentPatterns.page)
  page(@Payload() { ctx, payload }: Message<{ slug: string }>): Promise<WebReply> {
    return this.pages.page(ctx, payload.slug);
  }

  @Rpc(EnrollmentPatterns.submit)
  submit(@Payload() { ctx, payload }: Message<EnrollmentSubmission>): Promise<WebReply> {
    return this.pages.submit(ctx, payload);
  }
}
