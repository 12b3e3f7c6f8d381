import { chunkCount, chunkJobId, forEachConcurrently } from './batch-chunks';

describe('batch chunks', () => {
  it('covers every operation with whole chunks', () => {
    expect(chunkCount(1, 100)).toBe(1);
    expect(chunkCount(100, 100)).toBe(1);
    expect(chunkCount(101, 100)).toBe(2);
    expect(chunkCount(10_000, 100)).toBe(100);
  });

  it('names a chunk job without the ":" BullMQ refuses in custom ids', () => {
    expect(chunkJobId('4f6c3a52-8f1c-4bb0-9f27-2a9b0b0b0b0b', 7)).toBe('4f6c3a52-8f1c-4bb0-9f27-2a9b0b0b0b0b.7');
  });

  it('keeps at most `limit` items in flight and runs each once', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    await forEachConcurrently([...Array(25).keys()], 4, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(n);
      inFlight--;
    });
    expect(peak).toBe(4);
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(25).keys()]);
  });

  it('settles every started item before rethrowing the first error, and starts no new one', async () => {
    const settled: number[] = [];
    const outcome = forEachConcurrently([0, 1, 2, 3, 4, 5], 2, async (n) => {
      await new Promise((resolve) => setImmediate(resolve));
      if (n === 0) throw new Error('boom');
      await new Promise((resolve) => setImmediate(resolve));
      settled.push(n);
    });
    await expect(outcome).rejects.toThrow('boom');
    expect(settled).toEqual([1]);
  });
});
