// Apple pass signing throughput on one core: stock passkit-generator (forge SHA-1, forge
// PKCS#7, do-not-zip) against @wp/pkpass createPkpass (native hashing and RSA, CMS laid out
// once per signer, stored zip), same pass.json, same built-in images, same test CA signer.
// Both run sequentially on the main thread of this process, so each figure is one core.
// A third row is the path the service takes: the same builder behind PkpassSignerPool with one
// worker thread (one core signing, the event loop only passing messages).
import { PKPass } from 'passkit-generator';
import { PkpassSignerPool, builtInImages, createPkpass } from '@wp/pkpass';
import { createPrivateKey, sign } from 'node:crypto';
import path from 'node:path';
import Piscina from 'piscina';
import { createTestCa, issuePassCertificate, verifyPkpass } from '@wp/pkpass/testing';

interface BenchRow {
  name: string;
  unit: string;
  baseline: number | null;
  value: number;
}

const STOCK_SECONDS = 4;
const OURS_SECONDS = 4;
const POOL_SECONDS = 4;
/** Requests kept in flight against the pool, so its worker never waits for the next one. */
const POOL_WINDOW = 8;

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

/** Passes per second through `sign`, with `window` requests in flight, for `seconds` after a warm-up. */
async function pooledThroughput(sign: (i: number) => Promise<Buffer>, seconds: number, window: number, warmUp: number): Promise<number> {
  for (let i = 0; i < warmUp; i++) await sign(i);
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(seconds * 1e9));
  let count = 0;
  let next = 0;
  const lane = async () => {
    while (process.hrtime.bigint() < deadline) {
      await sign(next++);
      count++;
    }
  };
  await Promise.all(Array.from({ length: window }, lane));
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
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

  const pool = new PkpassSignerPool({ size: 1 });
  const pooled = (i: number): Promise<Buffer> => pool.sign({ 'pass.json': passJson(`pool-${i}`), ...images }, signer);
  await verifyPkpass(await pooled(0), { caPem: ca.certificatePem });

  const baseline = throughput(stock, STOCK_SECONDS, 5);
  // The ceiling on this machine, measured right beside ours: one bare RSA-2048 signature per
  // pass and nothing else (no hashing, no CMS, no zip).
  const key = createPrivateKey(signer.privateKeyPem);
  const rsaCeiling = throughput((i) => sign('sha256', Buffer.from(`manifest-${i}`), key), 2, 200);
  const value = throughput(ours, OURS_SECONDS, 200);
  // The same work on piscina (one thread), to decide which pool the service keeps. The two
  // run in alternating one-second slices and each reports its median slice, so a noisy
  // machine (other processes taking the cores) weighs on both alike.
  const piscina = new Piscina({ filename: path.join(__dirname, 'pkpass-sign.task.js'), minThreads: 1, maxThreads: 1 });
  const viaPiscina = async (i: number): Promise<Buffer> => {
    const bytes = (await piscina.run({ files: { 'pass.json': passJson(`piscina-${i}`), ...images }, signer, options: {} })) as Uint8Array;
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
  await verifyPkpass(await viaPiscina(0), { caPem: ca.certificatePem });
  const poolSlices: number[] = [];
  const piscinaSlices: number[] = [];
  for (let slice = 0; slice < POOL_SECONDS * 2; slice++) {
    poolSlices.push(await pooledThroughput(pooled, 1, POOL_WINDOW, slice === 0 ? 200 : 0));
    piscinaSlices.push(await pooledThroughput(viaPiscina, 1, POOL_WINDOW, slice === 0 ? 200 : 0));
  }
  const service = median(poolSlices);
  const piscinaRate = median(piscinaSlices);
  await pool.close();
  await piscina.destroy();
  return [
    { name: 'apple pass signing', unit: 'passes/s', baseline, value },
    { name: 'apple pass signing, service path (pool, 1 worker)', unit: 'passes/s', baseline, value: service },
    { name: 'apple pass signing, same work on piscina (1 thread)', unit: 'passes/s', baseline, value: piscinaRate },
    { name: 'bare RSA-2048 signatures (ceiling on this machine)', unit: 'signs/s', baseline: null, value: rsaCeiling },
  ];
}
