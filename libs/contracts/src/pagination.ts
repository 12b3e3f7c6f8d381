import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'The pagination.next_cursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export const MAX_SEARCH_LENGTH = 100;

/** A page of a list that may be narrowed by a text search (`?q=`); what q matches is per list. */
export class SearchPageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: MAX_SEARCH_LENGTH, description: 'Text to search for (what it matches is described per list)' })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'must be 1 to 100 characters' })
  @MaxLength(MAX_SEARCH_LENGTH, { message: 'must be 1 to 100 characters' })
  q?: string;
}

/** A page as services return it; the gateway puts `items` in `data` and the rest in `pagination`. */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
  limit: number;
}

export function pageLimit(limit?: number): number {
  return Math.min(Math.max(limit ?? DEFAULT_PAGE_LIMIT, 1), MAX_PAGE_LIMIT);
}

/** Opaque keyset cursor: base64url of the sort key of the last row of a page. */
export function encodeCursor(parts: Array<string | number>): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): Array<string | number> | null {
  if (!cursor) return null;
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts) && parts.length === arity && parts.every((p) => typeof p === 'string' || typeof p === 'number')) {
      return parts;
    }
  } catch {
    // fall through: a tampered cursor is a client error, reported below
  }
  return null;
}
