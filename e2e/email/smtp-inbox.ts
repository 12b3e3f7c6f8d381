import { type ParsedMail, simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope: who the client said it was sending to. */
  rcptTo: string[];
  /** The user the client authenticated as. */
  user: string | null;
  parsed: ParsedMail;
}

/**
 * A local SMTP server (the `smtp-server` package) that speaks the real protocol to the fleet's
 * nodemailer: it demands the credentials it was given, refuses recipients listed in `refuse`
 * with a 550, and keeps every message it takes, parsed with mailparser.
 */
export class SmtpInbox {
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    readonly mails: ReceivedMail[],
  ) {}

  static async start(options: { user: string; password: string; refuse: string[] }): Promise<SmtpInbox> {
    const mails: ReceivedMail[] = [];
    const server = new SMTPServer({
      // Plain SMTP on loopback: no certificate to fake, so STARTTLS is not offered.
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN'],
      onAuth(auth, _session, callback) {
        if (auth.username === options.user && auth.password === options.password) return callback(null, { user: auth.username });
        return callback(new Error('Invalid username or password'));
      },
      onRcptTo(address, _session, callback) {
        if (options.refuse.includes(address.address)) {
          const error = new Error('Mailbox unavailable') as Error & { responseCode: number };
          error.responseCode = 550;
          return callback(error);
        }
        return callback();
      },
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            mails.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), user: (session.user as string | undefined) ?? null, parsed });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new SmtpInbox(server, (server.server.address() as AddressInfo).port, mails);
  }

  url(user: string, password: string): string {
    return `smtp://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.mails.filter((mail) => mail.rcptTo.includes(address));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
