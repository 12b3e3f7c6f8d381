import type { ApiClient, ApiResponse } from '@wp/testing';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const SEND = '/v1/distribution/send-pass-sms';

/** Every error has this envelope, and its request_id is the X-Request-Id header. */
export function expectError(response: ApiResponse, status: number): void {
  expect({ status: response.status, body: response.body }).toEqual({
    status,
    body: expect.objectContaining({ status: 'error', message: expect.any(String), timestamp: expect.any(String), request_id: expect.any(String) }),
  });
  expect(response.headers.get('x-request-id')).toBe(response.body.request_id);
}

export function fieldsOf(response: ApiResponse): string[] {
  return ((response.body.errors ?? []) as Array<{ field: string }>).map((e) => e.field);
}

export async function registerMember(api: ApiClient, memberId: string, extra: Record<string, unknown> = {}): Promise<void> {
  const response = await api.post('/v1/members/register', { member_id: memberId, member_name: 'John Doe', ...extra });
  if (response.status !== 201) throw new Error(`register ${memberId} answered ${response.status}: ${response.text}`);
}

/** The seed's request, byte for byte as its curl sends it (Content-Type, X-API-Key, the body's layout). */
export function seedRequest(api: ApiClient, body: string, query = '?dry_run=1'): Promise<ApiResponse> {
  return api.post(`${SEND}${query}`, undefined, { rawBody: body, headers: { 'content-type': 'application/json' } });
}

/** The code of a short URL (`…/s/{code}`). */
export function codeOf(shortUrl: string): string {
  return new URL(shortUrl).pathname.replace(/^\/s\//, '');
}
