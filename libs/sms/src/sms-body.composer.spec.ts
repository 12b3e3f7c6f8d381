import fc from 'fast-check';
import { composeSmsBody } from './sms-body.composer';
import { smsEncodingInfo } from './sms-encoding';

const URL = 'https://wallet.acme.example/s/abc123';

describe('composeSmsBody', () => {
  it('writes a short branded message that greets the member by first name', () => {
    const body = composeSmsBody({ companyName: 'Acme', memberName: 'John Smith', shortUrl: URL });
    expect(body).toBe(`Acme: Hi John, your loyalty card is ready. Add it to your wallet: ${URL}`);
    expect(smsEncodingInfo(body)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('leaves the greeting out when there is no member name', () => {
    expect(composeSmsBody({ companyName: 'Acme', shortUrl: URL })).toBe(
      `Acme: Your loyalty card is ready. Add it to your wallet: ${URL}`,
    );
  });

  it('truncates a very long first name to stay within one segment', () => {
    const body = composeSmsBody({ companyName: 'Acme Coffee Roasters', memberName: 'Maximilianalexandrinavonhohenzollernsigmaringen Smith', shortUrl: URL });
    expect(body.startsWith('Acme Coffee Roasters: Hi Maximilian')).toBe(true);
    expect(body.endsWith(`, your loyalty card is ready. Add it to your wallet: ${URL}`)).toBe(true);
    expect(smsEncodingInfo(body).units).toBe(160);
  });

  it('shortens a long company name on a word boundary before giving up the sentence', () => {
    const body = composeSmsBody({
      companyName: 'The Extraordinarily Long Named International Coffee Roasting Company of Greater Springfield and Shelbyville',
      memberName: 'Ann',
      shortUrl: URL,
    });
    expect(smsEncodingInfo(body).segments).toBe(1);
    expect(body).toMatch(/^The Extraordinarily Long Named [A-Za-z ]+: (Hi Ann, your|Your) loyalty card is ready\. Add it to your wallet: /);
    expect(body.endsWith(URL)).toBe(true);
  });

  it('never shortens the URL, even when it alone is too long for one segment', () => {
    const longUrl = `https://wallet.acme.example/s/${'x'.repeat(170)}`;
    const body = composeSmsBody({ companyName: 'Acme', memberName: 'John', shortUrl: longUrl });
    expect(body.endsWith(longUrl)).toBe(true);
    expect(body.startsWith('Acme: ')).toBe(true);
  });

  it('folds look-alike characters so one accent does not turn the SMS into 70-char UCS-2 segments', () => {
    const body = composeSmsBody({ companyName: 'Zoë’s Bakery', memberName: 'Chloë', shortUrl: URL });
    expect(body).toBe(`Zoe's Bakery: Hi Chloe, your loyalty card is ready. Add it to your wallet: ${URL}`);
    expect(smsEncodingInfo(body).encoding).toBe('GSM-7');
  });

  it('drops a greeting that would force UCS-2 (emoji in the name) rather than pay for three segments', () => {
    const body = composeSmsBody({ companyName: 'Acme', memberName: '😀Jo', shortUrl: URL });
    expect(body).toBe(`Acme: Your loyalty card is ready. Add it to your wallet: ${URL}`);
  });

  it('keeps line breaks and control characters out of the message', () => {
    const body = composeSmsBody({ companyName: 'Acme\n\tInc', memberName: 'Jo\r\nhn', shortUrl: URL });
    expect(body).toBe(`Acme Inc: Hi Jo, your loyalty card is ready. Add it to your wallet: ${URL}`);
  });

  it('always ends with the exact URL, and fits one GSM-7 segment when the URL is short (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 120 }),
        fc.option(fc.string({ maxLength: 120 }), { nil: undefined }),
        fc.webUrl({ withQueryParameters: true, withFragments: false }).filter((u) => u.length <= 80 && !/\s/.test(u)),
        (companyName, memberName, shortUrl) => {
          const body = composeSmsBody({ companyName, memberName, shortUrl });
          expect(body.endsWith(shortUrl)).toBe(true);
          const info = smsEncodingInfo(body);
          if (info.encoding === 'GSM-7') expect(info.segments).toBe(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
