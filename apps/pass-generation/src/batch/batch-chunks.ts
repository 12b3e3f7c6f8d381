/**
 * Operations per chunk job. Small enough that a chunk interrupted by a crash repeats little
 * waiting (its done operations are skipped anyway), large enough that 10,000 operations are
 * only 100 jobs.
 */
export const CHUNK_SIZE = 100;

/**
 * Rows per chunk of a CSV member import: each chunk is one call to member-data that applies
 * its rows in one transaction of set-based statements, so larger chunks mean fewer round
 * trips while a chunk still commits in well under a second.
 */
export const IMPORT_CHUNK_SIZE = 1000;

export function chunkCount(total: number, chunkSize: number): number {
  return Math.ceil(total / chunkSize);
}

/** BullMQ job ids may not contain ':'. One job per chunk: adding it again while it exists is ignored. */
export function chunkJobId(batchId: string, chunk: number): string {
  return `${batchId}.${chunk}`;
}

/**
 * Runs `work` over `items` with at most `limit` in flight, and resolves only when every started
 * item has settled (a chunk must never end while one of its operations is still writing).
 * After the first error no new item starts; that error is rethrown at the end.
 */
export async function forEachConcurrently<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  let firstError: unknown;
  const lane = async () => {
    while (!failed && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (error) {
        if (!failed) firstError = error;
        failed = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failed) throw firstError;
}
