import type { WebReply } from '../notification/distribution.patterns';
import type { Page, PageQueryDto } from '../pagination';
import type { Rpc } from '../rpc';
import type { CreateEnrollmentFormDto } from './enrollment-form.dto';
import type { EnrollmentFormDeletedView, EnrollmentFormView } from './enrollment-form.views';

// Do not change the values: they are channel names on the Redis transport.
export const EnrollmentPatterns = {
  create: 'notification.enrollment-forms.create',
  list: 'notification.enrollment-forms.list',
  get: 'notification.enrollment-forms.get',
  delete: 'notification.enrollment-forms.delete',
  /** GET /e/{slug}: the public form. */
  page: 'notification.enrollment.page',
  /** POST /e/{slug}: a sign-up, as the browser posted it. */
  submit: 'notification.enrollment.submit',
} as const;

export interface EnrollmentFormKey {
  id: string;
}

/** A form post as the gateway parsed it: every parameter that came as one string (repeats are dropped). */
export interface EnrollmentSubmission {
  slug: string;
  params: Record<string, string>;
}

export interface EnrollmentRpcMap {
  [EnrollmentPatterns.create]: Rpc<CreateEnrollmentFormDto, EnrollmentFormView>;
  [EnrollmentPatterns.list]: Rpc<PageQueryDto, Page<EnrollmentFormView>>;
  [EnrollmentPatterns.get]: Rpc<EnrollmentFormKey, EnrollmentFormView>;
  [EnrollmentPatterns.delete]: Rpc<EnrollmentFormKey, EnrollmentFormDeletedView>;
  [EnrollmentPatterns.page]: Rpc<{ slug: string }, WebReply>;
  [EnrollmentPatterns.submit]: Rpc<EnrollmentSubmission, WebReply>;
}
