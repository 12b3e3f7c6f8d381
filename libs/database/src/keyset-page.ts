import { DomainError, Page, decodeCursor, encodeCursor, pageLimit } from '@wp/contracts';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Newest-first keyset pagination on (created_at, id): stable under concurrent inserts and
 * O(limit) at any depth, unlike OFFSET. The cursor is opaque to clients.
 */
export async function pageNewestFirst<T extends ObjectLiteral & { id: string; createdAt: Date }, V>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  query: { limit?: number; cursor?: string },
  view: (row: T) => V,
): Promise<Page<V>> {
  const limit = pageLimit(query.limit);
  const cursor = decodeCursor(query.cursor, 2);
  if (query.cursor && !cursor) throw DomainError.invalid('cursor', 'is not a cursor this API returned');
  if (cursor) {
    qb.andWhere(`(${alias}.created_at, ${alias}.id) < (:cursorAt, :cursorId)`, { cursorAt: cursor[0], cursorId: cursor[1] });
  }
  // The cursor carries created_at at full (microsecond) precision: a JS Date keeps only
  // milliseconds, and rows inside the last row's millisecond would be skipped.
  const { entities: rows, raw } = await qb
    .addSelect(`to_char(${alias}.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'keyset_created_at')
    .orderBy(`${alias}.created_at`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .take(limit + 1)
    .getRawAndEntities<{ keyset_created_at: string }>();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const lastAt = raw[items.length - 1]?.keyset_created_at;
  return {
    items: items.map(view),
    next_cursor: rows.length > limit && last && lastAt ? encodeCursor([lastAt, last.id]) : null,
    limit,
  };
}
