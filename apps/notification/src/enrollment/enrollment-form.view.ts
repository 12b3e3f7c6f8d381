import type { EnrollmentFormView } from '@wp/contracts';
import type { EnrollmentForm } from './enrollment-form.entity';

export function formUrl(publicBaseUrl: string, slug: string): string {
  return `${publicBaseUrl}/e/${slug}`;
}

export function enrollmentFormView(form: EnrollmentForm, publicBaseUrl: string): EnrollmentFormView {
  return {
    id: form.id,
    slug: form.slug,
    url: formUrl(publicBaseUrl, form.slug),
    name: form.name,
    pass_type: form.passType,
    fields: form.fields,
    consent_text: form.consentText,
    style_group_id: form.styleGroupId,
    submissions: form.submissions,
    created_at: form.createdAt.toISOString(),
  };
}
