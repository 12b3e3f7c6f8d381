import { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

type Answer = { status: number; headers?: Record<string, string>; body?: string };

/**
 * An integrator's webhook endpoint on 127.0.0.1 (the fleet runs with WEBHOOK_ALLOW_LOOPBACK=1).
 * Each path answers from its script, one entry per request, then 200; it records every
 * request with its exact body bytes, as a verifier needs them.
 */
export class WebhookReceiver {
  readonly received: ReceivedDelivery[] = [];
  private readonly scripts = new Map<string, Answer[]>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    const started: { receiver?: WebhookReceiver } = {};
    const server = createServer((req, res) => started.receiver?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    started.receiver = new WebhookReceiver(server, (server.address() as AddressInfo).port);
    return started.receiver;
  }

  url(path: string, host = '127.0.0.1'): string {
    return `http://${host}:${this.port}${path}`;
  }

  script(path: string, answers: Array<number | Answer>): void {
    this.scripts.set(path, answers.map((a) => (typeof a === 'number' ? { status: a } : a)));
  }

  at(path: string): ReceivedDelivery[] {
    return this.received.filter((r) => r.path === path);
  }

  /** Bodies received on `path`, parsed. */
  payloads(path: string): Array<{ id: string; type: string; created_at: string; tenant_id: string; data: any }> {
    return this.at(path).map((r) => JSON.parse(r.body));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      const answer = this.scripts.get(path)?.shift() ?? { status: 200 };
      res.writeHead(answer.status, answer.headers).end(answer.body ?? 'ok');
    });
  }
}

/** The three Standard Webhooks headers of a received request, as the verifier takes them. */
export function webhookHeaders(delivery: ReceivedDelivery): Record<string, string> {
  return {
    'webhook-id': String(delivery.headers['webhook-id']),
    'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
    'webhook-signature': String(delivery.headers['webhook-signature']),
  };
}
