import { foldToGsm7, smsEncodingInfo } from './sms-encoding';

describe('smsEncodingInfo', () => {
  it('counts plain text as GSM-7, one septet a character, one segment up to 160', () => {
    expect(smsEncodingInfo('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1, singleSegmentLimit: 160 });
    expect(smsEncodingInfo('a'.repeat(161)).segments).toBe(2);
    expect(smsEncodingInfo('a'.repeat(306)).segments).toBe(2);
    expect(smsEncodingInfo('a'.repeat(307)).segments).toBe(3);
  });

  it('counts extension-table characters as two septets', () => {
    expect(smsEncodingInfo('€[]').units).toBe(6);
    expect(smsEncodingInfo('€'.repeat(80)).segments).toBe(1);
    expect(smsEncodingInfo('€'.repeat(81)).segments).toBe(2);
  });

  it('keeps accented letters that GSM-7 has (é, ü, ñ) in GSM-7', () => {
    expect(smsEncodingInfo('Café Müller España').encoding).toBe('GSM-7');
  });

  it('switches to UCS-2 for one character outside the alphabet, with 70-unit segments', () => {
    const info = smsEncodingInfo(`${'a'.repeat(69)}😀`);
    expect(info.encoding).toBe('UCS-2');
    expect(info.units).toBe(71);
    expect(info.segments).toBe(2);
    expect(smsEncodingInfo('日本'.repeat(35)).segments).toBe(1);
  });
});

describe('foldToGsm7', () => {
  it('replaces look-alikes so the message stays GSM-7', () => {
    expect(foldToGsm7('Zoë’s “Café” – Łódź…')).toBe('Zoe\'s "Café" - Łodz...');
  });

  it('keeps characters without a look-alike', () => {
    expect(foldToGsm7('Tom 😀 日本')).toBe('Tom 😀 日本');
  });
});
