import { E164, type EnrollmentField } from '@wp/contracts';
import type { EnrollmentInput } from '@wp/hosted-page';
import { isEmail } from 'class-validator';

/** The field only bots fill in (the page hides it from people); a post that fills it creates nothing. */
export const HONEYPOT_FIELD = 'website';

/** A sign-up the form accepts: each field it asks for, in the member contract's form. */
export interface SignUp {
  member_name?: string;
  member_email?: string;
  phone_number?: string;
}

export type SignUpParse =
  | { ok: true; signUp: SignUp }
  | { ok: false; errors: Partial<Record<EnrollmentInput, string>>; values: Partial<Record<EnrollmentInput, string>> };

// Long enough for any real entry; what is longer is not echoed back whole.
const MAX_ECHO = 300;

/**
 * Reads a posted form as people fill it in: surrounding spaces are ignored, and a phone
 * number may carry spaces, dashes, dots or brackets (and 00 for +), but must end up E.164
 * as the member contract requires. Every field the form asks for is required; the consent
 * box must be ticked when the form has consent text.
 */
export function parseSignUp(form: { fields: readonly EnrollmentField[]; consentText: string | null }, params: Record<string, string>): SignUpParse {
  const signUp: SignUp = {};
  const errors: Partial<Record<EnrollmentInput, string>> = {};
  const values: Partial<Record<EnrollmentInput, string>> = {};
  for (const field of form.fields) {
    const raw = params[field] ?? '';
    values[field] = raw.slice(0, MAX_ECHO);
    const value = raw.trim();
    const checked = check(field, value);
    if ('error' in checked) errors[field] = checked.error;
    else signUp[field] = checked.value;
  }
  if (form.consentText) {
    values.consent = params.consent === 'yes' ? 'yes' : '';
    if (values.consent !== 'yes') errors.consent = 'Tick the box to agree before signing up';
  }
  return Object.keys(errors).length ? { ok: false, errors, values } : { ok: true, signUp };
}

function check(field: EnrollmentField, value: string): { value: string } | { error: string } {
  switch (field) {
    case 'member_name':
      if (!value) return { error: 'Enter your name' };
      if (value.length > 200) return { error: 'Enter a name of at most 200 characters' };
      return { value };
    case 'member_email':
      if (!value) return { error: 'Enter your email address' };
      if (value.length > 254 || !isEmail(value)) return { error: 'Enter an email address like name@example.com' };
      return { value };
    case 'phone_number': {
      if (!value) return { error: 'Enter your mobile phone number' };
      const compact = value.replace(/[\s().-]/g, '').replace(/^00/, '+');
      if (!E164.test(compact)) return { error: 'Enter a phone number with its country code, like +44 7700 900123' };
      return { value: compact };
    }
  }
}
