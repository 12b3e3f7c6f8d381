import { renderEnrollmentFormPage, type EnrollmentFormPageModel } from './enrollment-form.renderer';

const MODEL: EnrollmentFormPageModel = {
  companyName: 'Acme <Coffee>',
  logoDataUri: 'data:image/png;base64,iVBORw0KGgo=',
  colors: { background: 'rgb(18, 52, 86)', foreground: '#ffffff', label: '#ffd27f' },
  action: '/e/summer-sign-up-k3v9qz',
  fields: ['member_name', 'member_email', 'phone_number'],
  consentText: 'I agree to "the terms".',
  wallets: 'both',
  honeypotName: 'website',
};

describe('renderEnrollmentFormPage', () => {
  it('is a script-free form posting to itself, a label for every input, the company escaped', () => {
    const html = renderEnrollmentFormPage(MODEL);
    expect(html).toContain('<form method="post" action="/e/summer-sign-up-k3v9qz" novalidate>');
    expect(html).toContain("form-action &#39;self&#39;");
    expect(html).not.toContain('<script');
    expect(html).toContain('<h1>Get your Acme &lt;Coffee&gt; card</h1>');
    for (const id of ['field-member-name', 'field-member-email', 'field-phone-number', 'field-consent']) {
      expect(html).toContain(`<label for="${id}">`);
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('<label for="field-consent">I agree to &quot;the terms&quot;.</label>');
    expect(html).toContain('autocomplete="email"');
    expect(html).toContain('aria-describedby="field-phone-number-hint"');
    expect(html).not.toContain('data-testid="error-summary"');
  });

  it('hides the honeypot from people: off-screen, out of the tab order, hidden from screen readers', () => {
    expect(renderEnrollmentFormPage(MODEL)).toMatch(/<div class="hp" aria-hidden="true">[\s\S]*name="website" type="text" value="" tabindex="-1" autocomplete="off"/);
  });

  it('after a refused post: a summary linking to each input, messages tied by aria-describedby, values kept and escaped', () => {
    const html = renderEnrollmentFormPage({
      ...MODEL,
      values: { member_name: '"><img src=x>', member_email: 'bad', consent: '' },
      errors: { member_email: 'Enter an email address like name@example.com', consent: 'Tick the box to agree before signing up' },
    });
    expect(html).toContain('<title>Error: Sign up for Acme &lt;Coffee&gt;</title>');
    expect(html).toContain('<a href="#field-member-email">Email address: Enter an email address like name@example.com</a>');
    expect(html).toContain('value="&quot;&gt;&lt;img src=x&gt;"');
    expect(html).toContain('aria-describedby="field-member-email-error" aria-invalid="true"');
    expect(html).toContain('aria-describedby="field-consent-error" aria-invalid="true"');
    expect(html).not.toContain('field-member-name-error');
  });

  it('keeps the ticked consent box ticked, and shows a message for the whole form', () => {
    const html = renderEnrollmentFormPage({ ...MODEL, values: { consent: 'yes' }, formError: 'Your sign-up could not be accepted.' });
    expect(html).toContain('value="yes" checked required');
    expect(html).toContain('<p>Your sign-up could not be accepted.</p>');
  });
});
