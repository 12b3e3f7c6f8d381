// Apple pass signing throughput on one core: stock passkit-generator (forge SHA-1, forge
// PKCS#7, do-not-zip) against @wp/pkpass createPkpass (native hashing and RSA, CMS laid out
// once per signer, stored zip), same pass.json, same built-in images, same test CA signer.
// Both run sequentially on the main thread of this process, so each figure is one core.
import { PKPass } from 'passkit-generator';
import { builtInImages, createPkpass } from '@wp/pkpass';
import { createTestCa, issuePassCertificate, verifyPkpass } from '@wp/pkpass/testing';

interface BenchRow {
  name: string;
  unit: string;
  baseline: number | null;
  value: number;
}

const STOCK_SECONDS = 4;
const OURS_SECONDS = 4;

/** Passes per second of `makeOne`, run back to back for at least `seconds` after a warm-up. */
function throughput(makeOne: (i: number) => Buffer, seconds: number, warmUp: number): number {
  for (let i = 0; i < warmUp; i++) makeOne(i);
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(seconds * 1e9));
  let count = 0;
  let now = started;
  while (now < deadline) {
    makeOne(count++);
    now = process.hrtime.bigint();
  }
  return count / (Number(now - started) / 1e9);
}

export default async function run(): Promise<BenchRow[]> {
  const ca = createTestCa();
  const identity = { passTypeIdentifier: 'pass.com.example.bench', teamIdentifier: 'BENCHTEAM1' };
  const signer = issuePassCertificate(ca, identity);
  const images = builtInImages();
  const passJson = (serialNumber: string) =>
    Buffer.from(
      JSON.stringify({
        formatVersion: 1,
        ...identity,
        serialNumber,
        organizationName: 'Example Coffee',
        description: 'Example Coffee loyalty card',
        webServiceURL: 'https://wallet.example.com/apple',
        authenticationToken: 'bench-authentication-token',
        backgroundColor: 'rgb(67, 56, 202)',
        foregroundColor: 'rgb(255, 255, 255)',
        barcodes: [{ format: 'PKBarcodeFormatQR', message: `member-${serialNumber}`, messageEncoding: 'iso-8859-1' }],
        storeCard: {
          headerFields: [{ key: 'tier', label: 'Tier', value: 'Gold' }],
          primaryFields: [{ key: 'points', label: 'Points', value: 1200, changeMessage: 'You now have %@ points' }],
          backFields: [{ key: 'terms', label: 'Terms', value: 'Points expire after 12 months.' }],
        },
      }),
    );

  const stock = (i: number): Buffer =>
    new PKPass(
      { 'pass.json': passJson(`stock-${i}`), ...images },
      { wwdr: ca.certificatePem, signerCert: signer.certificatePem, signerKey: signer.privateKeyPem },
    ).getAsBuffer();
  const ours = (i: number): Buffer => createPkpass({ 'pass.json': passJson(`ours-${i}`), ...images }, signer);

  // Both paths must produce passes openssl accepts, or the comparison means nothing.
  await verifyPkpass(stock(0), { caPem: ca.certificatePem });
  await verifyPkpass(ours(0), { caPem: ca.certificatePem });

  const baseline = throughput(stock, STOCK_SECONDS, 5);
  const value = throughput(ours, OURS_SECONDS, 200);
  return [{ name: 'apple pass signing', unit: 'passes/s', baseline, value }];
}
