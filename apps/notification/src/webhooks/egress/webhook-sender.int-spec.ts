import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DestinationPolicy } from './destination-policy';
import { Resolver } from './guarded-lookup';
import { WebhookSender } from './webhook-sender';

interface Receiver {
  port: number;
  hits: Array<{ method?: string; url?: string; headers: IncomingMessage['headers']; body: string }>;
  close: () => Promise<void>;
}

async function receiver(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Receiver> {
  const hits: Receiver['hits'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())).then(() => undefined),
  };
}

/** Names of our own: `rebind.test` answers a public address first, then loopback. */
function fakeDns(): Resolver & { lookups: string[] } {
  const lookups: string[] = [];
  let rebindCalls = 0;
  const resolver = ((hostname, callback) => {
    lookups.push(hostname);
    if (hostname === 'loopback-alias.test') return callback(null, [{ address: '127.0.0.1', family: 4 }]);
    if (hostname === 'rebind.test') {
      rebindCalls += 1;
      return callback(null, [{ address: rebindCalls === 1 ? '93.184.216.34' : '127.0.0.1', family: 4 }]);
    }
    const error: NodeJS.ErrnoException = new Error('ENOTFOUND');
    error.code = 'ENOTFOUND';
    callback(error, []);
  }) as Resolver & { lookups: string[] };
  resolver.lookups = lookups;
  return resolver;
}

describe('webhook sender (local receivers only)', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function sender(opts: { allowLoopback: boolean; timeoutMs?: number; maxResponseBytes?: number; resolver?: Resolver }): WebhookSender {
    const s = new WebhookSender({
      policy: new DestinationPolicy(opts.allowLoopback),
      timeoutMs: opts.timeoutMs ?? 5000,
      maxResponseBytes: opts.maxResponseBytes ?? 4096,
      resolver: opts.resolver ?? fakeDns(),
    });
    cleanups.push(() => s.close());
    return s;
  }

  async function start(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Receiver> {
    const r = await receiver(handler);
    cleanups.push(r.close);
    return r;
  }

  it('POSTs the exact body with the given headers and calls only 2xx a success', async () => {
    const r = await start((_req, res) => res.writeHead(204).end());
    const outcome = await sender({ allowLoopback: true }).send(`http://127.0.0.1:${r.port}/hook?x=1`, { 'webhook-id': 'abc' }, '{"a":1}');
    expect(outcome).toMatchObject({ statusCode: 204, success: true, error: null });
    expect(r.hits).toEqual([expect.objectContaining({ method: 'POST', url: '/hook?x=1', body: '{"a":1}' })]);
    expect(r.hits[0].headers).toMatchObject({ 'webhook-id': 'abc', 'content-type': 'application/json' });

    const failing = await start((_req, res) => res.writeHead(500).end('boom'));
    const failed = await sender({ allowLoopback: true }).send(`http://127.0.0.1:${failing.port}/`, {}, '{}');
    expect(failed).toMatchObject({ statusCode: 500, success: false, error: 'receiver answered 500', responseNote: 'boom' });
  });

  it('does not follow a redirect, even to a place it could reach', async () => {
    const target = await start((_req, res) => res.writeHead(200).end());
    const redirecting = await start((_req, res) => res.writeHead(302, { location: `http://127.0.0.1:${target.port}/` }).end());
    const outcome = await sender({ allowLoopback: true }).send(`http://127.0.0.1:${redirecting.port}/`, {}, '{}');
    expect(outcome).toMatchObject({ statusCode: 302, success: false, error: 'redirect not followed (302)' });
    expect(target.hits).toHaveLength(0);
  });

  it('reads the response only up to the cap', async () => {
    const r = await start((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('x'.repeat(1 << 20));
    });
    const outcome = await sender({ allowLoopback: true, maxResponseBytes: 100 }).send(`http://127.0.0.1:${r.port}/`, {}, '{}');
    expect(outcome.success).toBe(true);
    expect(outcome.responseNote).toBe('x'.repeat(100));
  });

  it('gives up at the time-out when the receiver never answers', async () => {
    const r = await start(() => undefined);
    const outcome = await sender({ allowLoopback: true, timeoutMs: 300 }).send(`http://127.0.0.1:${r.port}/`, {}, '{}');
    expect(outcome).toMatchObject({ statusCode: null, success: false, error: 'timed out after 300 ms' });
  });

  it('refuses a loopback literal without connecting when the switch is off', async () => {
    const r = await start((_req, res) => res.writeHead(200).end());
    for (const host of ['127.0.0.1', '[::ffff:127.0.0.1]', '2130706433']) {
      const outcome = await sender({ allowLoopback: false }).send(`http://${host}:${r.port}/`, {}, '{}');
      expect(outcome).toMatchObject({ statusCode: null, success: false, error: 'destination is a loopback address' });
    }
    expect(r.hits).toHaveLength(0);
  });

  it('checks the address a name resolves to at connect time, and connects to that address', async () => {
    const r = await start((_req, res) => res.writeHead(200).end());
    const dns = fakeDns();
    const refused = await sender({ allowLoopback: false, resolver: dns }).send(`http://loopback-alias.test:${r.port}/`, {}, '{}');
    expect(refused).toMatchObject({ statusCode: null, success: false, error: 'destination is a loopback address' });
    expect(r.hits).toHaveLength(0);
    expect(dns.lookups).toContain('loopback-alias.test');

    // With the switch, the same name reaches the receiver: the socket used our lookup's answer.
    const allowed = await sender({ allowLoopback: true, resolver: dns }).send(`http://loopback-alias.test:${r.port}/`, {}, '{}');
    expect(allowed).toMatchObject({ statusCode: 200, success: true });
    expect(r.hits).toHaveLength(1);
    expect(r.hits[0].headers.host).toBe(`loopback-alias.test:${r.port}`);
  });

  it('refuses a name that re-resolves to loopback after passing a check (DNS rebinding)', async () => {
    const r = await start((_req, res) => res.writeHead(200).end());
    const dns = fakeDns();
    // The first answer (a public address) is what a registration check would have seen.
    await new Promise((resolve) => dns('rebind.test', resolve));
    const outcome = await sender({ allowLoopback: false, resolver: dns }).send(`http://rebind.test:${r.port}/`, {}, '{}');
    expect(outcome).toMatchObject({ success: false, error: 'destination is a loopback address' });
    expect(r.hits).toHaveLength(0);
  });

  it("reports a 429's Retry-After and a refused connection", async () => {
    const r = await start((_req, res) => res.writeHead(429, { 'retry-after': '120' }).end());
    expect(await sender({ allowLoopback: true }).send(`http://127.0.0.1:${r.port}/`, {}, '{}')).toMatchObject({ statusCode: 429, retryAfterMs: 120_000 });
    const closed = await start(() => undefined);
    await closed.close();
    cleanups.pop();
    expect(await sender({ allowLoopback: true }).send(`http://127.0.0.1:${closed.port}/`, {}, '{}')).toMatchObject({ statusCode: null, error: 'connection refused' });
  });
});
