import { parseForm } from './twilio-form.parser';

describe('parseForm', () => {
  it('decodes every parameter, including `+` and percent escapes', () => {
    expect(parseForm('MessageSid=SM123&To=%2B14155550123&Body=hi+there%20%E2%9C%93')).toEqual({ MessageSid: 'SM123', To: '+14155550123', Body: 'hi there ✓' });
  });

  it('keeps repeated parameters as arrays, in order', () => {
    expect(parseForm('a=1&b=2&a=3&a=4')).toEqual({ a: ['1', '3', '4'], b: '2' });
  });
});
