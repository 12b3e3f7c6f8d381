import { composePassEmail, maskEmail } from './pass-email.composer';

describe('composePassEmail', () => {
  const link = 'https://wallet.example/s/abcDEF123_xy';

  it('greets by first name, carries the link in text and HTML, and mentions the attachment', () => {
    const email = composePassEmail({ companyName: 'Example Coffee', memberName: 'Ada Lovelace', link, attachment: 'pass-1.pkpass' });
    expect(email.subject).toBe('Your Example Coffee card');
    expect(email.text).toContain('Hi Ada,');
    expect(email.text).toContain(`\n${link}\n`);
    expect(email.text).toContain('attached pass');
    expect(email.html).toContain(`href="${link}"`);
  });

  it('takes a subject, on one line, and escapes names in HTML', () => {
    const email = composePassEmail({ companyName: 'A&B <Shop>', memberName: null, link, attachment: null, subject: 'Hello\r\nBcc: evil@example.com' });
    expect(email.subject).toBe('Hello Bcc: evil@example.com');
    expect(email.text).toContain('Hello,');
    expect(email.text).not.toContain('attached');
    expect(email.html).toContain('A&amp;B &lt;Shop&gt;');
    expect(email.html).not.toContain('<Shop>');
  });
});

describe('maskEmail', () => {
  it('keeps the first letter and the domain', () => {
    expect(maskEmail('ada@example.com')).toBe('a***@example.com');
    expect(maskEmail('nonsense')).toBe('***');
  });
});
