import { ConfigError, parseEnv } from '@wp/config';
import { notificationSpec } from './config';

describe('notification config: e-mail', () => {
  it('leaves SMTP_URL unset by default, with the per-tenant rate and timeout defaults', () => {
    expect(parseEnv(notificationSpec, {})).toMatchObject({ SMTP_URL: undefined, SMTP_FROM: undefined, EMAIL_SEND_RATE_PER_MIN: 60, EMAIL_SEND_TIMEOUT_MS: 20_000 });
  });

  it('takes smtp and smtps URLs with credentials, and a sender with or without a name', () => {
    const env = { SMTP_URL: 'smtps://user:p%40ss@mail.example.com:465', SMTP_FROM: 'Example Coffee <cards@example.com>' };
    expect(parseEnv(notificationSpec, env)).toMatchObject(env);
    expect(parseEnv(notificationSpec, { SMTP_URL: 'smtp://127.0.0.1:2525', SMTP_FROM: 'cards@example.com' }).SMTP_FROM).toBe('cards@example.com');
  });

  it.each([
    ['SMTP_URL', 'https://mail.example.com'],
    ['SMTP_URL', 'not a url'],
    ['SMTP_FROM', 'no address here'],
    ['SMTP_FROM', 'a@b.c\r\nBcc: x@y.z'],
    ['EMAIL_SEND_RATE_PER_MIN', '0'],
  ])('stops the boot on a bad %s (%s), naming the variable but not the value', (name, value) => {
    let thrown: unknown;
    try {
      parseEnv(notificationSpec, { [name]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as Error).message).toContain(name);
    if (name === 'SMTP_URL') expect((thrown as Error).message).not.toContain(value);
  });
});
