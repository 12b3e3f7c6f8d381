import { X509Certificate } from 'node:crypto';
import { appleWwdrG4Pem } from './apple-wwdr-g4.certificate';

describe('appleWwdrG4Pem', () => {
  it('is the Apple WWDR G4 intermediate Apple publishes', () => {
    const certificate = new X509Certificate(appleWwdrG4Pem);
    expect(certificate.fingerprint256).toBe(
      'EA:47:57:88:55:38:DD:8C:B5:9F:F4:55:6F:67:60:87:D8:3C:85:E7:09:02:C1:22:E4:2C:08:08:B5:BC:E1:4C',
    );
    expect(certificate.subject.split('\n')).toEqual(
      expect.arrayContaining(['CN=Apple Worldwide Developer Relations Certification Authority', 'OU=G4', 'O=Apple Inc.', 'C=US']),
    );
    expect(certificate.ca).toBe(true);
  });
});
