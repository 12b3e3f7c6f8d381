import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { smsEncodingInfo } from '../sms-encoding';

export interface FakeTwilioCall {
  accountSid: string;
  /** Basic auth was present, registered with the fake, and for the account in the path. */
  authHeaderValid: boolean;
  params: Record<string, string>;
}

export interface FakeTwilioMessage {
  sid: string;
  accountSid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string | null;
  status: string;
}

export interface FakeTwilioError {
  status: number;
  code: number;
  message: string;
}

export type CallbackStatus = 'sent' | 'delivered' | 'failed' | 'undelivered';

export interface StatusCallbackOptions {
  /** Twilio error code sent with failed/undelivered (defaults: failed 30008, undelivered 30003). */
  errorCode?: number;
  /** Extra parameters, as Twilio adds new ones without notice. */
  extraParams?: Record<string, string>;
}

export interface StatusCallbackResult {
  /** HTTP status the receiver answered. */
  statusCode: number;
  responseBody: string;
  url: string;
  params: Record<string, string>;
  signature: string;
}

interface Waiter {
  predicate: (message: FakeTwilioMessage) => boolean;
  resolve: (message: FakeTwilioMessage) => void;
}

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;
const E164 = /^\+[1-9]\d{7,14}$/;

/**
 * A local stand-in for api.twilio.com's Messages resource, reached by pointing the real SDK
 * at it (TWILIO_API_URL). It checks Basic auth, answers like Twilio, records every call, and
 * can play Twilio's part in status callbacks, signed as Twilio signs them.
 */
export class FakeTwilioServer {
  readonly calls: FakeTwilioCall[] = [];
  readonly messages: FakeTwilioMessage[] = [];
  private readonly accounts = new Map<string, string>();
  private readonly queuedErrors: FakeTwilioError[] = [];
  private waiters: Waiter[] = [];
  private server: Server | null = null;
  private baseUrl = '';

  static async start(accounts: Array<{ accountSid: string; authToken: string }> = []): Promise<FakeTwilioServer> {
    const fake = new FakeTwilioServer();
    for (const account of accounts) fake.registerAccount(account.accountSid, account.authToken);
    await fake.listen();
    return fake;
  }

  /** The value for TWILIO_API_URL. */
  get url(): string {
    return this.baseUrl;
  }

  registerAccount(accountSid: string, authToken: string): void {
    this.accounts.set(accountSid, authToken);
  }

  /** The next authenticated Messages call answers with this Twilio error instead of 201. */
  failNext(error: FakeTwilioError): void {
    this.queuedErrors.push(error);
  }

  waitForMessage(predicate: (message: FakeTwilioMessage) => boolean = () => true, timeoutMs = 5_000): Promise<FakeTwilioMessage> {
    const existing = this.messages.find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`FakeTwilioServer: no matching message within ${timeoutMs} ms (${this.messages.length} received)`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** POSTs a status callback to the message's StatusCallback URL, signed with the account's token. */
  sendStatusCallback(messageSid: string, status: CallbackStatus, opts: StatusCallbackOptions = {}): Promise<StatusCallbackResult> {
    const message = this.findMessage(messageSid);
    return this.postCallback(message, status, opts, this.accounts.get(message.accountSid) ?? '');
  }

  /** Like sendStatusCallback, but signed with a token that is not the account's. */
  sendForgedStatusCallback(messageSid: string, status: CallbackStatus, opts: StatusCallbackOptions = {}): Promise<StatusCallbackResult> {
    const message = this.findMessage(messageSid);
    return this.postCallback(message, status, opts, `forged-${randomBytes(16).toString('hex')}`);
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // The SDK keeps connections alive; without this close() waits for them to idle out.
      server.closeAllConnections();
    });
  }

  private async listen(): Promise<void> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        sendJson(res, 500, { code: 20500, message: `fake twilio failure: ${String(error)}`, more_info: '', status: 500 });
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    const match = MESSAGES_PATH.exec(path);
    if (!match || req.method !== 'POST') {
      sendJson(res, 404, twilioError(404, 20404, `The requested resource ${path} was not found`));
      return;
    }
    const accountSid = decodeURIComponent(match[1]);
    const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const authHeaderValid = this.isAuthorized(req.headers.authorization, accountSid);
    this.calls.push({ accountSid, authHeaderValid, params });

    if (!authHeaderValid) {
      res.setHeader('WWW-Authenticate', 'Basic realm="Twilio API"');
      sendJson(res, 401, { ...twilioError(401, 20003, 'Authenticate'), detail: 'Your AccountSid or AuthToken was incorrect.' });
      return;
    }
    const invalid = validateParams(params) ?? this.queuedErrors.shift();
    if (invalid) {
      sendJson(res, invalid.status, twilioError(invalid.status, invalid.code, invalid.message));
      return;
    }

    const message: FakeTwilioMessage = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      accountSid,
      to: params.To,
      from: params.From ?? null,
      messagingServiceSid: params.MessagingServiceSid ?? null,
      body: params.Body,
      statusCallback: params.StatusCallback ?? null,
      status: params.MessagingServiceSid ? 'accepted' : 'queued',
    };
    this.messages.push(message);
    sendJson(res, 201, messageResource(message));
    this.notifyWaiters(message);
  }

  private isAuthorized(header: string | undefined, accountSid: string): boolean {
    if (!header?.startsWith('Basic ')) return false;
    const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return false;
    const sid = decoded.slice(0, colon);
    const token = decoded.slice(colon + 1);
    return sid === accountSid && this.accounts.get(sid) === token;
  }

  private notifyWaiters(message: FakeTwilioMessage): void {
    const matched = this.waiters.filter((w) => w.predicate(message));
    this.waiters = this.waiters.filter((w) => !matched.includes(w));
    for (const waiter of matched) waiter.resolve(message);
  }

  private findMessage(messageSid: string): FakeTwilioMessage {
    const message = this.messages.find((m) => m.sid === messageSid);
    if (!message) throw new Error(`FakeTwilioServer: unknown message ${messageSid}`);
    return message;
  }

  private async postCallback(
    message: FakeTwilioMessage,
    status: CallbackStatus,
    opts: StatusCallbackOptions,
    signingToken: string,
  ): Promise<StatusCallbackResult> {
    if (!message.statusCallback) throw new Error(`FakeTwilioServer: message ${message.sid} has no StatusCallback`);
    message.status = status;
    const params: Record<string, string> = {
      AccountSid: message.accountSid,
      ApiVersion: '2010-04-01',
      From: message.from ?? '',
      MessageSid: message.sid,
      MessageStatus: status,
      SmsSid: message.sid,
      SmsStatus: status,
      To: message.to,
      ...(message.messagingServiceSid ? { MessagingServiceSid: message.messagingServiceSid } : {}),
      ...(status === 'failed' || status === 'undelivered'
        ? { ErrorCode: String(opts.errorCode ?? (status === 'failed' ? 30008 : 30003)) }
        : {}),
      ...opts.extraParams,
    };
    const url = message.statusCallback;
    const signature = twilio.getExpectedTwilioSignature(signingToken, url, params);
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
        'User-Agent': 'TwilioProxy/1.1',
        'X-Twilio-Signature': signature,
        'I-Twilio-Idempotency-Token': randomUUID(),
      },
      body: new URLSearchParams(params).toString(),
    });
    return { statusCode: response.status, responseBody: await response.text(), url, params, signature };
  }
}

function validateParams(params: Record<string, string>): FakeTwilioError | undefined {
  if (!params.To) return { status: 400, code: 21604, message: "A 'To' phone number is required." };
  if (!E164.test(params.To)) return { status: 400, code: 21211, message: `Invalid 'To' Phone Number: ${params.To}` };
  if (!params.From && !params.MessagingServiceSid) return { status: 400, code: 21603, message: "A 'From' phone number is required." };
  if (!params.Body) return { status: 400, code: 21602, message: 'Message body is required.' };
  if (params.Body.length > 1600) return { status: 400, code: 21617, message: 'The concatenated message body exceeds the 1600 character limit.' };
  return undefined;
}

function twilioError(status: number, code: number, message: string): Record<string, unknown> {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

function messageResource(message: FakeTwilioMessage): Record<string, unknown> {
  const now = new Date().toUTCString().replace('GMT', '+0000');
  const uri = `/2010-04-01/Accounts/${message.accountSid}/Messages/${message.sid}`;
  return {
    account_sid: message.accountSid,
    api_version: '2010-04-01',
    body: message.body,
    date_created: now,
    date_sent: null,
    date_updated: now,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: message.from,
    messaging_service_sid: message.messagingServiceSid,
    num_media: '0',
    num_segments: String(smsEncodingInfo(message.body).segments),
    price: null,
    price_unit: 'USD',
    sid: message.sid,
    status: message.status,
    subresource_uris: { media: `${uri}/Media.json` },
    to: message.to,
    uri: `${uri}.json`,
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
