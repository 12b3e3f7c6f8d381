import { outcomeForResponse, parseReason } from './apns-response.mapper';

describe('outcomeForResponse', () => {
  it.each([
    [200, undefined, 'delivered'],
    [410, 'Unregistered', 'unregistered'],
    [410, 'ExpiredToken', 'unregistered'],
    [400, 'BadDeviceToken', 'bad-token'],
    [429, 'TooManyRequests', 'retry'],
    [500, 'InternalServerError', 'retry'],
    [503, 'ServiceUnavailable', 'retry'],
    [503, 'Shutdown', 'retry'],
    [502, undefined, 'retry'],
    [400, 'MissingTopic', 'failed'],
    [400, 'DeviceTokenNotForTopic', 'failed'],
    [400, 'TopicDisallowed', 'failed'],
    [403, 'BadCertificate', 'failed'],
    [403, 'BadCertificateEnvironment', 'failed'],
    [404, 'BadPath', 'failed'],
    [413, 'PayloadTooLarge', 'failed'],
  ] as const)('%i %s → %s', (status, reason, outcome) => {
    expect(outcomeForResponse(status, reason)).toBe(outcome);
  });
});

describe('parseReason', () => {
  it('reads the reason of an APNs error body', () => {
    expect(parseReason('{"reason":"Unregistered","timestamp":1700000000000}')).toBe('Unregistered');
  });

  it('yields nothing for an empty, non-JSON or reason-less body', () => {
    expect(parseReason('')).toBeUndefined();
    expect(parseReason('<html>Bad gateway</html>')).toBeUndefined();
    expect(parseReason('{"error":"x"}')).toBeUndefined();
    expect(parseReason('null')).toBeUndefined();
  });
});
