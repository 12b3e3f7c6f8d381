import { parseSignUp } from './sign-up-input';

const FORM = { fields: ['member_name', 'member_email', 'phone_number'] as const, consentText: 'I agree to the terms.' };

describe('parseSignUp', () => {
  it('accepts what people type: spaces around values, a phone number with separators or 00', () => {
    expect(parseSignUp(FORM, { member_name: ' Jane Doe ', member_email: 'Jane@Example.com ', phone_number: '+1 (415) 555-0123', consent: 'yes' })).toEqual({
      ok: true,
      signUp: { member_name: 'Jane Doe', member_email: 'Jane@Example.com', phone_number: '+14155550123' },
    });
    expect(parseSignUp({ fields: ['phone_number'], consentText: null }, { phone_number: '0044 7700 900123' })).toEqual({ ok: true, signUp: { phone_number: '+447700900123' } });
  });

  it('names every missing or malformed input and keeps what was typed', () => {
    const parsed = parseSignUp(FORM, { member_name: '', member_email: 'not-an-email', phone_number: '07700 900123' });
    expect(parsed).toEqual({
      ok: false,
      errors: {
        member_name: 'Enter your name',
        member_email: 'Enter an email address like name@example.com',
        phone_number: 'Enter a phone number with its country code, like +44 7700 900123',
        consent: 'Tick the box to agree before signing up',
      },
      values: { member_name: '', member_email: 'not-an-email', phone_number: '07700 900123', consent: '' },
    });
  });

  it('asks only for the fields of the form, and for consent only when the form has consent text', () => {
    expect(parseSignUp({ fields: ['member_email'], consentText: null }, { member_email: 'a@example.com', member_name: '' })).toEqual({ ok: true, signUp: { member_email: 'a@example.com' } });
  });
});
