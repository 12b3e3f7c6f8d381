import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { retryAfterMs, retryingFetch } from './retrying-fetch';

/** A real HTTP server answering from a script, recording what it received. */
async function scriptedServer(answers: Array<{ status: number; headers?: Record<string, string>; body?: string }>) {
  const received: Array<{ method: string; key: string | undefined; body: string }> = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', key: req.headers['idempotency-key'] as string | undefined, body });
      const answer = answers[Math.min(received.length - 1, answers.length - 1)];
      res.writeHead(answer.status, answer.headers).end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/thing`, received, close: () => new Promise((r) => server.close(r)) };
}

describe('retryingFetch', () => {
  it('retries a 503 after its Retry-After, resending the body under one Idempotency-Key', async () => {
    const server = await scriptedServer([{ status: 503, headers: { 'retry-after': '2' } }, { status: 429, headers: { 'retry-after': '1' } }, { status: 201, body: '{"ok":true}' }]);
    const waits: number[] = [];
    const fetch = retryingFetch({ sleep: async (ms) => void waits.push(ms) });
    const response = await fetch(server.url, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
    await server.close();
    expect(response.status).toBe(201);
    expect(waits).toEqual([2000, 1000]);
    expect(server.received.map((r) => r.body)).toEqual(['{"a":1}', '{"a":1}', '{"a":1}']);
    const keys = new Set(server.received.map((r) => r.key));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps a caller-given Idempotency-Key and gives up after the last attempt with the last answer', async () => {
    const server = await scriptedServer([{ status: 503 }]);
    const fetch = retryingFetch({ attempts: 3, sleep: async () => undefined });
    const response = await fetch(server.url, { method: 'POST', body: '{}', headers: { 'idempotency-key': 'mine' } });
    await server.close();
    expect(response.status).toBe(503);
    expect(server.received.map((r) => r.key)).toEqual(['mine', 'mine', 'mine']);
  });

  it('does not retry other statuses, and sends no key on a GET', async () => {
    const server = await scriptedServer([{ status: 400 }]);
    const response = await retryingFetch({ sleep: async () => undefined })(server.url);
    await server.close();
    expect(response.status).toBe(400);
    expect(server.received).toEqual([{ method: 'GET', key: undefined, body: '' }]);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
  });
});
