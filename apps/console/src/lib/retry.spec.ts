import { MAX_RETRY_WAIT_SECONDS, fetchWithRetry } from './retry';

describe('429 handling', () => {
  const answers = (...list: Array<[number, string?]>) => {
    const sent: string[] = [];
    const send = async (request: Request) => {
      sent.push(await request.text());
      const [status, retryAfter] = list.shift() ?? [200];
      return new Response(status === 200 ? '{}' : null, { status, headers: retryAfter ? { 'retry-after': retryAfter } : {} });
    };
    return { send, sent };
  };

  test('waits for Retry-After, says so, and sends the same request again', async () => {
    const { send, sent } = answers([429, '2'], [429, '1'], [200]);
    const waits: Array<number | null> = [];
    const slept: number[] = [];
    const response = await fetchWithRetry(new Request('http://x/v1/members', { method: 'POST', body: '{"a":1}' }), send, {
      onWait: (s) => waits.push(s),
      sleep: async (ms) => void slept.push(ms),
    });
    expect(response.status).toBe(200);
    expect(sent).toEqual(['{"a":1}', '{"a":1}', '{"a":1}']);
    expect(waits).toEqual([2, null, 1, null]);
    expect(slept).toEqual([2000, 1000]);
  });

  test('a wait longer than a person should sit through, or too many refusals, gives the 429 back', async () => {
    const long = answers([429, String(MAX_RETRY_WAIT_SECONDS + 1)]);
    const hooks = { onWait: () => {}, sleep: async () => {} };
    await expect(fetchWithRetry(new Request('http://x/'), long.send, hooks).then((r) => r.status)).resolves.toBe(429);
    expect(long.sent).toHaveLength(1);
    const endless = answers([429, '1'], [429, '1'], [429, '1'], [429, '1'], [429, '1'], [429, '1']);
    await expect(fetchWithRetry(new Request('http://x/'), endless.send, hooks).then((r) => r.status)).resolves.toBe(429);
    expect(endless.sent).toHaveLength(5);
  });
});
