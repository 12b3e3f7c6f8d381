/**
 * Standard HTTP caching for the latest-pass endpoint: a version's
 * Last-Modified is whole seconds (that is all the header carries) and each version's is at
 * least a second later than the previous one's; its ETag names the version.
 */
export interface VersionStamp {
  version: number;
  updatedAt: Date;
}

export function lastModifiedOf(stamp: VersionStamp): Date {
  return new Date(Math.floor(stamp.updatedAt.getTime() / 1000) * 1000);
}

export function etagOf(stamp: VersionStamp): string {
  return `"v${stamp.version}"`;
}

/**
 * RFC 9110 §13.2.2: If-None-Match, when present, decides alone; otherwise the pass is not
 * modified when its Last-Modified is not after If-Modified-Since. An unparsable date is ignored.
 */
export function isNotModified(stamp: VersionStamp, ifModifiedSince: string | null, ifNoneMatch: string | null): boolean {
  if (ifNoneMatch !== null && ifNoneMatch.trim() !== '') {
    const current = etagOf(stamp);
    return ifNoneMatch.split(',').some((tag) => {
      const candidate = tag.trim();
      return candidate === '*' || candidate.replace(/^W\//, '') === current;
    });
  }
  if (ifModifiedSince === null) return false;
  const since = Date.parse(ifModifiedSince);
  if (Number.isNaN(since)) return false;
  return lastModifiedOf(stamp).getTime() <= since;
}
