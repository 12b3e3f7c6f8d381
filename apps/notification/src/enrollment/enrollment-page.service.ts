import { Injectable, Logger } from '@nestjs/common';
import { CallContext, DomainError, EnrollmentSubmission, PassInternalPatterns, TenantPatterns, WebReply } from '@wp/contracts';
import { renderEnrollmentFormPage, type EnrollmentInput } from '@wp/hosted-page';
import { RpcClient } from '@wp/messaging';
import { DataSource } from 'typeorm';
import { HostedPagesService } from '../hosted-page/hosted-pages.service';
import { pagePath } from '../hosted-page/pass-page.model';
import { notFoundReply, tenantCall } from '../hosted-page/web-replies';
import { EnrollmentForm } from './enrollment-form.entity';
import { EnrollmentFormsService } from './enrollment-forms.service';
import { MemberEnrollment } from './member-enrollment';
import { HONEYPOT_FIELD, parseSignUp } from './sign-up-input';

type Shown = { values?: Partial<Record<EnrollmentInput, string>>; errors?: Partial<Record<EnrollmentInput, string>>; formError?: string };

/** The visitor's side of enrollment forms: GET and POST /e/{slug}. */
@Injectable()
export class EnrollmentPageService {
  private readonly logger = new Logger(EnrollmentPageService.name);

  constructor(
    private readonly db: DataSource,
    private readonly rpc: RpcClient,
    private readonly forms: EnrollmentFormsService,
    private readonly enrollment: MemberEnrollment,
    private readonly pages: HostedPagesService,
  ) {}

  async page(ctx: CallContext, slug: string): Promise<WebReply> {
    const found = await this.liveForm(ctx, slug);
    if (!found) return notFoundReply();
    return this.form(found.call, found.form, 200, {});
  }

  /**
   * A sign-up: refused input re-renders the form with what was typed; an accepted one
   * registers (or finds) the member, makes their passes and sends the browser on to their
   * Add to Wallet page, whose downloads count under the `enrollment` channel.
   */
  async submit(ctx: CallContext, submission: EnrollmentSubmission): Promise<WebReply> {
    const found = await this.liveForm(ctx, submission.slug);
    if (!found) return notFoundReply();
    const { form, call } = found;
    if (submission.params[HONEYPOT_FIELD]) {
      // Nothing is created; the reply looks like any refused post (422), so a bot learns nothing useful.
      this.logger.log({ request_id: ctx.requestId, form_id: form.id }, 'enrollment post refused: honeypot filled');
      return this.form(call, form, 422, { formError: 'Your sign-up could not be accepted. Please try again.' });
    }
    const parsed = parseSignUp(form, submission.params);
    if (!parsed.ok) return this.form(call, form, 422, { values: parsed.values, errors: parsed.errors });

    const enrolled = await this.enrollment.enroll(call, form, parsed.signUp);
    if (!enrolled) {
      return this.form(call, form, 422, { values: { ...submission.params }, formError: `${form.name} cannot issue wallet passes right now. Please try again later.` });
    }
    const token = await this.db.transaction(async (tx) => {
      const page = await this.pages.ensure(tx, form.tenantId, enrolled.passId, enrolled.memberId);
      await tx.increment(EnrollmentForm, { id: form.id }, 'submissions', 1);
      return page.token;
    });
    // Relative, so the form's CSP (form-action 'self') allows the redirect whatever host the visitor used.
    return { kind: 'redirect', location: pagePath(token, 'enrollment'), status: 303 };
  }

  /** The form and the tenant-scoped context to act in, or null: unknown, deleted, or its tenant suspended. */
  private async liveForm(ctx: CallContext, slug: string): Promise<{ form: EnrollmentForm; call: CallContext } | null> {
    const form = await this.forms.findLive(slug);
    if (!form) return null;
    const call = tenantCall(ctx, form.tenantId);
    const profile = await this.rpc.send(TenantPatterns.getTenantProfile, call, {}).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'not_found') return null;
      throw error;
    });
    return profile?.status === 'active' ? { form, call } : null;
  }

  private async form(call: CallContext, form: EnrollmentForm, status: 200 | 422, shown: Shown): Promise<WebReply> {
    const look = await this.rpc.send(PassInternalPatterns.brandLook, call, { style_group_id: form.styleGroupId });
    const html = renderEnrollmentFormPage({
      companyName: look.company_name,
      logoDataUri: look.logo_png_base64 ? `data:image/png;base64,${look.logo_png_base64}` : null,
      colors: look.colors,
      action: `/e/${form.slug}`,
      fields: form.fields,
      consentText: form.consentText,
      wallets: form.passType,
      honeypotName: HONEYPOT_FIELD,
      values: shown.values,
      errors: shown.errors,
      formError: shown.formError,
    });
    return { kind: 'html', status, html };
  }
}
