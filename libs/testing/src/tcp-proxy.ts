import { AddressInfo, Server, Socket, createConnection, createServer } from 'node:net';

type Mode = 'open' | 'stalled' | 'cut';

/**
 * A TCP proxy in front of a real server (Redis, Postgres) for fault injection on one
 * machine: `cut()` drops every connection and refuses new ones (the server is down),
 * `stall()` keeps connections up but holds every byte (the server hangs), `restore()` ends
 * either, flushing what a stall held back. Only the process under test sees the fault, so
 * other specs sharing the real server are unaffected.
 */
export class TcpProxy {
  private server?: Server;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket; held: Array<{ to: Socket; chunk: Buffer }> }>();
  private mode: Mode = 'open';
  private listenPort = 0;

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  static async start(target: string | URL): Promise<TcpProxy> {
    const url = typeof target === 'string' ? new URL(target) : target;
    const proxy = new TcpProxy(url.hostname, Number(url.port));
    await proxy.listen();
    return proxy;
  }

  get port(): number {
    return this.listenPort;
  }

  /** The target URL with host and port replaced by the proxy's. */
  url(target: string): string {
    const url = new URL(target);
    url.hostname = '127.0.0.1';
    url.port = String(this.listenPort);
    return url.toString();
  }

  async cut(): Promise<void> {
    this.mode = 'cut';
    for (const pair of this.pairs) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
    this.pairs.clear();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  stall(): void {
    this.mode = 'stalled';
  }

  async restore(): Promise<void> {
    const wasCut = this.mode === 'cut';
    this.mode = 'open';
    for (const pair of this.pairs) {
      for (const { to, chunk } of pair.held.splice(0)) to.write(chunk);
    }
    if (wasCut) await this.listen();
  }

  async close(): Promise<void> {
    await this.cut();
  }

  private async listen(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listenPort, '127.0.0.1', () => resolve());
    });
    this.listenPort = (server.address() as AddressInfo).port;
    this.server = server;
  }

  private accept(client: Socket): void {
    if (this.mode === 'cut') {
      client.destroy();
      return;
    }
    const upstream = createConnection({ host: this.targetHost, port: this.targetPort });
    const pair = { client, upstream, held: [] as Array<{ to: Socket; chunk: Buffer }> };
    this.pairs.add(pair);
    const forward = (to: Socket) => (chunk: Buffer) => {
      if (this.mode === 'stalled') pair.held.push({ to, chunk });
      else to.write(chunk);
    };
    client.on('data', forward(upstream));
    upstream.on('data', forward(client));
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.pairs.delete(pair);
    };
    client.on('close', close);
    upstream.on('close', close);
    client.on('error', close);
    upstream.on('error', close);
  }
}
