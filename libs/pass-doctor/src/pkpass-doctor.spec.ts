import { builtInImages, createPkpass, encodePassStrings } from '@wp/pkpass';
import { TestCa, TestPassCertificate, createCertificateAuthority, createTestCa, issuePassCertificate, signFilesUnchecked } from '@wp/pkpass/testing';
import { generateKeyPairSync } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { DEFAULT_ZIP_LIMITS, readZipSafely } from './archive/safe-zip.reader';
import { DiagnoseOptions, PkpassDiagnosis, diagnosePkpass } from './pkpass-doctor';
import { PROBLEM_CODES, ProblemCode } from './problems';
import { buildTestZip, zipFiles } from './testing/zip.builder';

const PASS_TYPE = 'pass.example.doctor';
const TEAM = 'TEAMDOC01';
const DAY = 86_400_000;

let ca: TestCa;
let signer: TestPassCertificate;
let options: DiagnoseOptions;
const covered = new Set<ProblemCode>();

beforeAll(() => {
  ca = createTestCa('Doctor Test CA');
  signer = issuePassCertificate(ca, { passTypeIdentifier: PASS_TYPE, teamIdentifier: TEAM });
  // Tests cannot sign under Apple's WWDR G4, so the test CA stands in for it.
  options = { wwdrPem: ca.certificatePem };
});

afterAll(() => {
  // Every code the doctor knows has a bundle below that yields it.
  expect(PROBLEM_CODES.filter((code) => !covered.has(code))).toEqual([]);
});

function passJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    formatVersion: 1,
    passTypeIdentifier: PASS_TYPE,
    teamIdentifier: TEAM,
    serialNumber: 'SN-0001',
    organizationName: 'Doctor Cafe',
    description: 'Loyalty card',
    backgroundColor: 'rgb(20, 30, 40)',
    foregroundColor: 'rgb(255, 255, 255)',
    storeCard: { primaryFields: [{ key: 'points', label: 'Points', value: 42 }] },
    barcodes: [{ format: 'PKBarcodeFormatQR', message: 'SN-0001', messageEncoding: 'iso-8859-1' }],
    webServiceURL: 'https://wallet.example.com/apple',
    authenticationToken: 'a'.repeat(32),
    ...overrides,
  };
}

function passFiles(overrides: Record<string, unknown> = {}): Record<string, Buffer> {
  const images = builtInImages();
  return {
    'pass.json': Buffer.from(JSON.stringify(passJson(overrides))),
    'icon.png': images['icon.png'],
    'icon@2x.png': images['icon@2x.png'],
    'logo.png': images['logo.png'],
  };
}

function goodPass(files = passFiles(), by: TestPassCertificate = signer): Buffer {
  return createPkpass(files, by);
}

/** The signed files of a good pass, to tamper with before zipping again. */
function signedFiles(files = passFiles(), by: { certificatePem: string; privateKeyPem: string; chainPems: string[] } = signer): Record<string, Buffer> {
  return signFilesUnchecked(files, by);
}

function codes(diagnosis: PkpassDiagnosis): ProblemCode[] {
  return diagnosis.problems.map((p) => p.code);
}

/** Diagnoses and checks the bundle shows `code` and nothing else (beyond `alongside`). */
function expectOnly(bytes: Buffer, code: ProblemCode, alongside: ProblemCode[] = [], opts: DiagnoseOptions = options): PkpassDiagnosis {
  const diagnosis = diagnosePkpass(bytes, opts);
  expect(codes(diagnosis)).toContain(code);
  expect(codes(diagnosis).filter((c) => c !== code && !alongside.includes(c))).toEqual([]);
  for (const p of diagnosis.problems) expect(p.message.length).toBeGreaterThan(20);
  covered.add(code);
  return diagnosis;
}

describe('a correct pass', () => {
  it('has no problem at all and a summary of what it is', () => {
    const diagnosis = diagnosePkpass(goodPass(), options);
    expect(diagnosis).toMatchObject({
      ok: true,
      problems: [],
      summary: {
        pass_type_identifier: PASS_TYPE,
        team_identifier: TEAM,
        serial_number: 'SN-0001',
        files: ['icon.png', 'icon@2x.png', 'logo.png', 'manifest.json', 'pass.json', 'signature'],
        signer: { subject: expect.stringContaining(`UID=${PASS_TYPE}`), issuer: expect.stringContaining('Doctor Test CA') },
      },
    });
    expect(new Date(diagnosis.summary.signer!.not_after).getTime()).toBeGreaterThan(Date.now());
  });

  it('is judged against Apple WWDR G4 by default, which a test CA is not', () => {
    const diagnosis = expectOnly(goodPass(), 'wwdr_intermediate_not_g4', [], {});
    expect(diagnosis.ok).toBe(false);
    expect(diagnosis.problems[0].message).toContain('Doctor Test CA');
  });
});

describe('the archive', () => {
  it.each([
    ['a 0-byte body', Buffer.alloc(0)],
    ['a JPEG', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(2000, 7)])],
    ['random bytes', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251))],
  ])('not_a_zip: %s', (_name, bytes) => {
    const diagnosis = expectOnly(bytes, 'not_a_zip');
    expect(diagnosis.summary).toEqual({ pass_type_identifier: null, team_identifier: null, serial_number: null, files: [], signer: null });
  });

  it('not_a_zip: a truncated archive', () => {
    const bytes = goodPass();
    expectOnly(bytes.subarray(0, bytes.length - 30), 'not_a_zip');
    // Cut inside the data, keeping the end record: the directory points past the end.
    expectOnly(Buffer.concat([bytes.subarray(0, 100), bytes.subarray(bytes.length - 22)]), 'not_a_zip');
  });

  it('archive_too_large: a zip bomb, honest or lying about its size, is stopped at the cap', () => {
    const zeros = Buffer.alloc(DEFAULT_ZIP_LIMITS.maxInflatedBytes + 1024 * 1024);
    const bomb = deflateRawSync(zeros);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const files = signedFiles();
    const entries = Object.entries(files).map(([name, data]) => ({ name, data }));
    const honest = buildTestZip([...entries, { name: 'strip.png', data: zeros, deflate: true }]);
    expectOnly(honest, 'archive_too_large');
    const liar = buildTestZip([...entries, { name: 'strip.png', data: zeros, deflate: true, claimedSize: 100 }]);
    expectOnly(liar, 'archive_too_large');
  });

  it('unsafe_file_name: ../ and absolute names are refused, never resolved', () => {
    const files = signedFiles();
    const diagnosis = expectOnly(zipFiles({ ...files, '../../etc/cron.d/evil': Buffer.from('x'), '/etc/passwd': Buffer.from('x'), 'C:\\evil.txt': Buffer.from('x') }), 'unsafe_file_name');
    expect(diagnosis.problems.map((p) => p.file)).toEqual(['../../etc/cron.d/evil', '/etc/passwd', 'C:\\evil.txt']);
    expect(diagnosis.summary.files).not.toContain('../../etc/cron.d/evil');
  });

  it('nested_archive: a zip inside the pass is a warning and is not opened', () => {
    const files = signedFiles({ ...passFiles(), 'extra.zip': goodPass() });
    const diagnosis = expectOnly(zipFiles(files), 'nested_archive');
    expect(diagnosis.ok).toBe(true);
  });

  it('duplicate_file: the same name twice', () => {
    const files = signedFiles();
    const entries = Object.entries(files).map(([name, data]) => ({ name, data }));
    expectOnly(buildTestZip([...entries, { name: 'logo.png', data: files['logo.png'] }]), 'duplicate_file');
  });

  it('unreadable_file: a damaged entry', () => {
    const files = signedFiles();
    const bytes = zipFiles(files);
    const at = bytes.indexOf(files['logo.png']);
    bytes[at + 40] ^= 0xff;
    // The reader drops the damaged file, so the manifest now lists a missing one.
    expectOnly(bytes, 'unreadable_file', ['manifest_file_missing']);
  });
});

describe('pass.json', () => {
  it('missing_pass_json', () => {
    const files = passFiles();
    delete files['pass.json'];
    expectOnly(zipFiles(signedFiles(files)), 'missing_pass_json');
  });

  it('invalid_pass_json: not JSON, or not an object', () => {
    expectOnly(zipFiles(signedFiles({ ...passFiles(), 'pass.json': Buffer.from('{"formatVersion": 1,') })), 'invalid_pass_json');
    expectOnly(zipFiles(signedFiles({ ...passFiles(), 'pass.json': Buffer.from('[1, 2]') })), 'invalid_pass_json');
  });

  it('missing_required_key: one problem per key', () => {
    const pass = passJson();
    delete pass.serialNumber;
    delete pass.organizationName;
    const diagnosis = expectOnly(zipFiles(signedFiles({ ...passFiles(), 'pass.json': Buffer.from(JSON.stringify(pass)) })), 'missing_required_key');
    expect(diagnosis.problems.map((p) => p.message).join(' ')).toMatch(/serialNumber.*organizationName/);
    expect(diagnosis.problems).toHaveLength(2);
  });

  it('invalid_color', () => {
    expectOnly(goodPass(passFiles({ backgroundColor: '#ff0000' })), 'invalid_color');
  });

  it('invalid_barcode', () => {
    expectOnly(goodPass(passFiles({ barcodes: [{ format: 'PKBarcodeFormatQRx', message: 'x', messageEncoding: 'iso-8859-1' }] })), 'invalid_barcode');
  });

  it('web_service_url_not_https: an error, or a warning on loopback', () => {
    const remote = expectOnly(goodPass(passFiles({ webServiceURL: 'http://wallet.example.com/apple' })), 'web_service_url_not_https');
    expect(remote.problems[0].severity).toBe('error');
    const local = expectOnly(goodPass(passFiles({ webServiceURL: 'http://localhost:3000/apple' })), 'web_service_url_not_https');
    expect(local).toMatchObject({ ok: true, problems: [{ severity: 'warning' }] });
  });

  it('authentication_token_too_short', () => {
    expectOnly(goodPass(passFiles({ authenticationToken: 'short' })), 'authentication_token_too_short');
  });
});

describe('relevance, NFC and localizations', () => {
  const key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const location = { latitude: 48.8584, longitude: 2.2945, relevantText: 'Near the store' };
  const beacon = { proximityUUID: 'E2C56DB5-DFFB-48D2-B060-D0F5A71096E0', major: 1, minor: 2 };
  const withStrings = (strings: Buffer, overrides: Record<string, unknown> = {}) => goodPass({ ...passFiles(overrides), 'de.lproj/pass.strings': strings });

  it('a pass with all of them, done right, has no problem', () => {
    const strings = encodePassStrings({ Points: 'Punkte', 'Near the store': 'In der Nähe' });
    const bytes = withStrings(strings, { locations: [location], maxDistance: 100, relevantDate: '2026-05-01T18:00:00Z', beacons: [beacon], nfc: { message: 'M-1', encryptionPublicKey: key } });
    expect(diagnosePkpass(bytes, options).problems).toEqual([]);
  });

  it('too_many_locations and too_many_beacons', () => {
    expectOnly(goodPass(passFiles({ locations: Array.from({ length: 11 }, () => location) })), 'too_many_locations');
    expectOnly(goodPass(passFiles({ beacons: Array.from({ length: 11 }, () => beacon) })), 'too_many_beacons');
  });

  it('invalid_location: out of range, or a maxDistance that is not positive', () => {
    const diagnosis = expectOnly(goodPass(passFiles({ locations: [{ latitude: 91, longitude: 2 }] })), 'invalid_location');
    expect(diagnosis.problems[0].message).toContain('locations[0]');
    expectOnly(goodPass(passFiles({ locations: [location], maxDistance: 0 })), 'invalid_location');
  });

  it('invalid_beacon: not a UUID, or major out of range', () => {
    const diagnosis = expectOnly(goodPass(passFiles({ beacons: [{ proximityUUID: 'store-1', major: 70000 }] })), 'invalid_beacon');
    expect(diagnosis.problems[0].message).toMatch(/proximityUUID.*major/);
  });

  it('invalid_relevant_date: a day without a time', () => {
    expectOnly(goodPass(passFiles({ relevantDate: '2026-05-01' })), 'invalid_relevant_date');
  });

  it('invalid_nfc: a message over 64 bytes, a key that is no P-256 public key', () => {
    expectOnly(goodPass(passFiles({ nfc: { message: 'x'.repeat(65), encryptionPublicKey: key } })), 'invalid_nfc');
    expectOnly(goodPass(passFiles({ nfc: { message: 'M-1', encryptionPublicKey: 'bm90IGEga2V5' } })), 'invalid_nfc');
  });

  it('invalid_pass_strings: a strings file that does not parse, naming the line', () => {
    const diagnosis = expectOnly(withStrings(Buffer.from('"Points" = "Punkte"\n"Tier" = "Stufe";')), 'invalid_pass_strings');
    expect(diagnosis.problems[0]).toMatchObject({ file: 'de.lproj/pass.strings', severity: 'error', message: expect.stringContaining('line 2') });
    const twice = expectOnly(withStrings(encodeUtf16(['"a" = "1";', '"a" = "2";'])), 'invalid_pass_strings');
    expect(twice.problems[0].severity).toBe('warning');
  });

  it('pass_strings_not_utf16: non-ASCII text in UTF-8 is a warning', () => {
    expectOnly(withStrings(Buffer.from('"Points" = "Prämienpunkte";')), 'pass_strings_not_utf16');
    expect(diagnosePkpass(withStrings(Buffer.from('"Points" = "Punkte";')), options).problems).toEqual([]);
  });
});

function encodeUtf16(lines: string[]): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines.join('\n'), 'utf16le')]);
}

describe('images', () => {
  it('missing_icon', () => {
    const files = passFiles();
    delete files['icon.png'];
    delete files['icon@2x.png'];
    expectOnly(zipFiles(signedFiles(files)), 'missing_icon');
  });

  it('image_wrong_size is a warning', () => {
    const diagnosis = expectOnly(goodPass({ ...passFiles(), 'icon.png': builtInImages()['strip.png'] }), 'image_wrong_size');
    expect(diagnosis.ok).toBe(true);
  });
});

describe('manifest', () => {
  it('missing_manifest', () => {
    const files = signedFiles();
    delete files['manifest.json'];
    expectOnly(zipFiles(files), 'missing_manifest');
  });

  it('invalid_manifest', () => {
    expectOnly(zipFiles({ ...signedFiles(), 'manifest.json': Buffer.from('[]') }), 'invalid_manifest', ['signature_invalid']);
  });

  it('file_not_in_manifest: a file added after signing', () => {
    expectOnly(zipFiles({ ...signedFiles(), 'strip.png': builtInImages()['strip.png'] }), 'file_not_in_manifest');
  });

  it('manifest_file_missing: a signed file removed', () => {
    const files = signedFiles();
    delete files['logo.png'];
    expectOnly(zipFiles(files), 'manifest_file_missing');
  });

  it('manifest_hash_mismatch: a file edited after signing', () => {
    const files = signedFiles();
    files['pass.json'] = Buffer.from(JSON.stringify(passJson({ description: 'Edited after signing' })));
    const diagnosis = expectOnly(zipFiles(files), 'manifest_hash_mismatch');
    expect(diagnosis.problems[0].file).toBe('pass.json');
  });
});

describe('signature and certificates', () => {
  it('missing_signature', () => {
    const files = signedFiles();
    delete files.signature;
    expectOnly(zipFiles(files), 'missing_signature');
  });

  it('signature_invalid: garbage, truncated DER, or a manifest changed after signing', () => {
    expectOnly(zipFiles({ ...signedFiles(), signature: Buffer.from('not a signature at all') }), 'signature_invalid');
    const files = signedFiles();
    expectOnly(zipFiles({ ...files, signature: files.signature.subarray(0, 200) }), 'signature_invalid');
    // Still lists the right hashes, but is not the manifest that was signed.
    expectOnly(zipFiles({ ...files, 'manifest.json': Buffer.from(`${files['manifest.json'].toString()} `) }), 'signature_invalid');
  });

  it('signature_invalid: a signature by another key than the embedded certificate', () => {
    const other = issuePassCertificate(ca, { passTypeIdentifier: PASS_TYPE, teamIdentifier: TEAM });
    const files = signedFiles();
    const forged = signedFiles(passFiles(), other);
    // Same manifest bytes, but signed with the other certificate's key while naming ours.
    expect(forged['manifest.json'].equals(files['manifest.json'])).toBe(true);
    const signature = Buffer.from(files.signature);
    const ours = forged.signature.subarray(forged.signature.length - 256);
    ours.copy(signature, signature.length - 256);
    expectOnly(zipFiles({ ...files, signature }), 'signature_invalid');
  });

  it('signer_not_pass_certificate: signed by a CA certificate', () => {
    const intermediate = createCertificateAuthority({ commonName: 'Some Intermediate', organizationName: 'Elsewhere' }, ca);
    const bytes = zipFiles(signedFiles(passFiles(), { ...intermediate, chainPems: [ca.certificatePem] }));
    expectOnly(bytes, 'signer_not_pass_certificate');
  });

  it('wwdr_intermediate_missing: the intermediate stripped from the signature', () => {
    expectOnly(goodPass(passFiles(), { ...signer, chainPems: [] }), 'wwdr_intermediate_missing');
  });

  it('wwdr_intermediate_not_g4: chained to another intermediate', () => {
    const otherCa = createTestCa('Apple WWDR G3 Impostor');
    const bySomeoneElse = issuePassCertificate(otherCa, { passTypeIdentifier: PASS_TYPE, teamIdentifier: TEAM });
    const diagnosis = expectOnly(goodPass(passFiles(), bySomeoneElse), 'wwdr_intermediate_not_g4');
    expect(diagnosis.problems[0].message).toContain('Apple WWDR G3 Impostor');
  });

  it('certificate_expired: signed with a certificate past its date', () => {
    const expired = issuePassCertificate(ca, {
      passTypeIdentifier: PASS_TYPE,
      teamIdentifier: TEAM,
      notBefore: new Date(Date.now() - 400 * DAY),
      notAfter: new Date(Date.now() - 10 * DAY),
    });
    const diagnosis = expectOnly(goodPass(passFiles(), expired), 'certificate_expired');
    expect(diagnosis.problems[0].message).toMatch(/expired on \d{4}-/);
  });

  it('pass_type_id_mismatch: pass.json names another pass type than the certificate', () => {
    const diagnosis = expectOnly(goodPass(passFiles({ passTypeIdentifier: 'pass.example.other' })), 'pass_type_id_mismatch');
    expect(diagnosis.problems[0].message).toContain(PASS_TYPE);
  });

  it('team_id_mismatch: pass.json names another team than the certificate', () => {
    expectOnly(goodPass(passFiles({ teamIdentifier: 'OTHERTEAM' })), 'team_id_mismatch');
  });
});

describe('the zip reader', () => {
  it('reads what it is given and nothing outside the budget', () => {
    const contents = readZipSafely(goodPass(), { maxEntries: 10, maxInflatedBytes: 1024 * 1024 });
    expect(contents.readable).toBe(true);
    expect([...contents.files.keys()]).toContain('pass.json');
    expect(readZipSafely(goodPass(), { maxEntries: 2, maxInflatedBytes: 1024 * 1024 }).problems[0].code).toBe('archive_too_large');
  });
});

describe('pass styles (spec/API.md §8.7)', () => {
  const images = builtInImages();
  const style = (key: string, section: Record<string, unknown>) => ({ storeCard: undefined, [key]: section });

  it.each([
    ['coupon', { primaryFields: [{ key: 'offer', value: '20% off' }] }],
    ['eventTicket', { primaryFields: [{ key: 'event', value: 'Concert' }] }],
    ['generic', { primaryFields: [{ key: 'name', value: 'Member' }] }],
    ['boardingPass', { transitType: 'PKTransitTypeTrain', primaryFields: [{ key: 'from', value: 'PAR' }, { key: 'to', value: 'LYS' }] }],
  ])('a correct %s has no problem', (key, section) => {
    expect(diagnosePkpass(goodPass(passFiles(style(key, section))), options).problems).toEqual([]);
  });

  it('missing_required_key: a boarding pass without transitType', () => {
    const files = signedFiles(passFiles(style('boardingPass', { primaryFields: [{ key: 'from', value: 'PAR' }] })));
    const diagnosis = expectOnly(zipFiles(files), 'missing_required_key');
    expect(diagnosis.problems[0].message).toContain('transitType');
  });

  it('invalid_transit_type: an unknown transit type is an error, one outside a boarding pass a warning', () => {
    expectOnly(zipFiles(signedFiles(passFiles(style('boardingPass', { transitType: 'PKTransitTypeRocket' })))), 'invalid_transit_type');
    const diagnosis = expectOnly(zipFiles(signedFiles(passFiles({ storeCard: { transitType: 'PKTransitTypeAir' } }))), 'invalid_transit_type');
    expect(diagnosis).toMatchObject({ ok: true, problems: [{ severity: 'warning' }] });
  });

  it('too_many_fields: two primary fields on a coupon', () => {
    expectOnly(goodPass(passFiles(style('coupon', { primaryFields: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] }))), 'too_many_fields');
  });

  it('image_not_used_by_style: a strip on a generic pass, a background beside a strip on an event ticket', () => {
    const generic = expectOnly(goodPass({ ...passFiles(style('generic', {})), 'strip.png': images['strip.png'] }), 'image_not_used_by_style');
    expect(generic.problems[0]).toMatchObject({ file: 'strip.png', severity: 'warning' });
    const ticket = { ...passFiles(style('eventTicket', {})), 'strip.png': images['strip.png'], 'background.png': images['icon.png'] };
    expect(expectOnly(goodPass(ticket), 'image_not_used_by_style').problems[0].file).toBe('background.png');
    // Without the strip, an event ticket shows its background.
    expect(diagnosePkpass(goodPass({ ...passFiles(style('eventTicket', {})), 'background.png': images['icon.png'] }), options).problems).toEqual([]);
  });
});
