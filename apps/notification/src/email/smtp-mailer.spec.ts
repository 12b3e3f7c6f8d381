import { DomainError } from '@wp/contracts';
import type { NotificationConfig } from '../config';
import { SmtpMailer } from './smtp-mailer';

describe('SmtpMailer', () => {
  it('without SMTP_URL refuses a send with a 422 that says what to set, and never opens a transport', async () => {
    const mailer = new SmtpMailer({ PUBLIC_BASE_URL: 'https://wallet.example', EMAIL_SEND_TIMEOUT_MS: 1000 } as NotificationConfig);
    mailer.onModuleInit();
    expect(() => mailer.assertConfigured()).toThrow(DomainError);
    await expect(mailer.send({ fromName: 'x', to: 'a@example.com', subject: 's', text: 't', html: 'h', attachments: [] })).rejects.toMatchObject({
      code: 'unprocessable',
      message: expect.stringContaining('SMTP_URL'),
    });
    mailer.onModuleDestroy();
  });
});
