import { createHmac } from 'node:crypto';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { generateWebhookSecret, signatureHeaders } from './webhook-signature';

describe('webhook signatures (Standard Webhooks)', () => {
  const body = JSON.stringify({ id: 'evt', type: 'pass.created', created_at: '2026-01-09T10:30:00.000Z', tenant_id: 't', data: { pass_id: 'p' } });

  it('makes whsec_ secrets of 32 random bytes, different every time', () => {
    const a = generateWebhookSecret();
    const b = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(a.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(a).not.toBe(b);
  });

  it('is accepted by the standardwebhooks verifier', () => {
    const secret = generateWebhookSecret();
    const headers = signatureHeaders(secret, '6f1c3f0e-8d4b-4e8c-9a7e-2f5b0c1d2e3f', body);
    expect(new StandardWebhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('signs id.timestamp.body with the decoded secret, as v1,<base64>', () => {
    const secret = generateWebhookSecret();
    const at = new Date('2026-01-09T10:30:00Z');
    const headers = signatureHeaders(secret, 'msg_1', body, at);
    expect(headers['webhook-timestamp']).toBe(String(at.getTime() / 1000));
    // Computed independently of the library that signs, so a change in its format would show.
    const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64')).update(`msg_1.${at.getTime() / 1000}.${body}`).digest('base64');
    expect(headers['webhook-signature']).toBe(`v1,${expected}`);
  });

  it('is rejected when the body, the id or the secret differ', () => {
    const secret = generateWebhookSecret();
    const headers = signatureHeaders(secret, 'msg_1', body);
    const verifier = new StandardWebhook(secret);
    expect(() => verifier.verify(body.replace('pass.created', 'pass.voided'), headers)).toThrow();
    expect(() => verifier.verify(body, { ...headers, 'webhook-id': 'msg_2' })).toThrow();
    expect(() => new StandardWebhook(generateWebhookSecret()).verify(body, headers)).toThrow();
  });

  it('keeps the id across attempts and stamps each attempt with its own time', () => {
    const secret = generateWebhookSecret();
    const first = signatureHeaders(secret, 'msg_1', body, new Date('2026-01-09T10:30:00Z'));
    const retry = signatureHeaders(secret, 'msg_1', body, new Date('2026-01-09T10:30:05Z'));
    expect(retry['webhook-id']).toBe(first['webhook-id']);
    expect(Number(retry['webhook-timestamp']) - Number(first['webhook-timestamp'])).toBe(5);
    expect(retry['webhook-signature']).not.toBe(first['webhook-signature']);
  });
});
