import { generateKeyPairSync } from 'node:crypto';
import { createTestServiceAccount } from '../testing/test-service-account';
import { GoogleCredentialError } from './google-credential.error';
import { parseServiceAccount } from './service-account';

describe('parseServiceAccount', () => {
  const account = createTestServiceAccount({ projectId: 'bean-there' });
  const withField = (name: string, value: unknown): Record<string, unknown> => ({ ...account.json, [name]: value });
  const without = (name: string): Record<string, unknown> => {
    const copy: Record<string, unknown> = { ...account.json };
    delete copy[name];
    return copy;
  };
  // `service_account_json` may be a JSON string or an object.
  const forms = [
    ['object', (json: object) => json],
    ['string', (json: object) => JSON.stringify(json)],
  ] as const;

  describe.each(forms)('given the key file as %s', (_form, present) => {
    it('returns the fields the client and the save URL need', () => {
      expect(parseServiceAccount(present(account.json))).toEqual({
        clientEmail: account.serviceAccount.clientEmail,
        privateKeyPem: account.json['private_key'],
        privateKeyId: account.json['private_key_id'],
        projectId: 'bean-there',
      });
    });

    it('accepts a key whose line breaks arrived as literal "\\n" sequences', () => {
      const flattened = account.json['private_key'].replace(/\n/g, '\\n');
      expect(parseServiceAccount(present(withField('private_key', flattened))).privateKeyPem).toBe(account.json['private_key']);
    });

    it.each([
      ['type', without('type')],
      ['type', withField('type', 'authorized_user')],
      ['client_email', without('client_email')],
      ['client_email', withField('client_email', 'not-an-email')],
      ['private_key', without('private_key')],
      ['private_key', withField('private_key', '')],
      ['private_key_id', withField('private_key_id', 42)],
    ])('names the field %s when it is missing or wrong', (field, json) => {
      expect(() => parseServiceAccount(present(json))).toThrow(GoogleCredentialError);
      expect(() => parseServiceAccount(present(json))).toThrow(expect.objectContaining({ field, message: expect.stringContaining(`"${field}"`) }));
    });

    it('rejects a private key that does not parse without quoting it', () => {
      const pem = account.json['private_key'];
      const damaged = pem.slice(0, 200) + pem.slice(400);
      const error = captureError(() => parseServiceAccount(present(withField('private_key', damaged))));

      expect(error).toMatchObject({ name: 'GoogleCredentialError', field: 'private_key' });
      expect(leaksKeyMaterial(error.message, pem)).toBe(false);
    });

    it('rejects a key that is not RSA, since Google only accepts RS256', () => {
      const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      expect(() => parseServiceAccount(present(withField('private_key', ecKey)))).toThrow(/must be an RSA key/);
    });
  });

  it('rejects malformed JSON without echoing it', () => {
    const text = JSON.stringify(account.json).slice(0, -10);
    const error = captureError(() => parseServiceAccount(text));

    expect(error).toBeInstanceOf(GoogleCredentialError);
    expect(error.message).toBe('Service account JSON is not valid JSON.');
  });

  it.each([['[]'], ['null'], ['"text"']])('rejects JSON %s that is not an object', (text) => {
    expect(() => parseServiceAccount(text)).toThrow(GoogleCredentialError);
  });
});

function captureError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected a throw');
}

function leaksKeyMaterial(message: string, pem: string): boolean {
  const body = pem.replace(/-----[A-Z ]+-----|\s/g, '');
  for (let i = 0; i + 16 <= body.length; i += 16) {
    if (message.includes(body.slice(i, i + 16))) return true;
  }
  return false;
}
