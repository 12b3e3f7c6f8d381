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
  const rows = await qb
    .orderBy(`${alias}.created_at`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .take(limit + 1)
    .getMany();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(view),
    next_cursor: rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    limit,
  };
}
