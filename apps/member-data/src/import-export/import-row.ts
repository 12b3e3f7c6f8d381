import { IMPORT_COLUMNS, ImportColumn, ImportRowCells, MAX_POINTS_PER_CALL, RegisterMemberDto } from '@wp/contracts';
import { plainToInstance } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidationError, validateSync } from 'class-validator';

/** A registration plus the balance to set: the rules of POST /v1/members/register and of a points `set`. */
class ImportRowDto extends RegisterMemberDto {
  @IsOptional()
  @IsInt({ message: 'must be a non-negative integer' })
  @Min(0, { message: 'must be a non-negative integer' })
  @Max(MAX_POINTS_PER_CALL, { message: `must be at most ${MAX_POINTS_PER_CALL}` })
  points?: number;
}

export type ProfileField = 'member_name' | 'member_email' | 'phone_number' | 'style_group_id';
const PROFILE_FIELDS: readonly ProfileField[] = ['member_name', 'member_email', 'phone_number', 'style_group_id'];

/** A row that passed validation. `profile` holds only the columns the file has: the others stay as they are. */
export interface ImportRecord {
  index: number;
  line: number;
  memberId: string;
  /** The balance to set; absent when the file has no points column. */
  points?: number;
  profile: Partial<Record<ProfileField, string | null>>;
}

export type ReadRow = { record: ImportRecord } | { error: string };

const DIGITS = /^\d{1,10}$/;

/**
 * Validates one row with the registration DTO's own rules. An empty cell clears its field
 * (the file is the member's profile); a column the file lacks leaves the field untouched.
 */
export function readImportRow(row: ImportRowCells): ReadRow {
  const cells = row.cells;
  const unstorable = IMPORT_COLUMNS.filter((column) => cells[column]?.includes('\u0000'));
  if (unstorable.length) return { error: unstorable.map((column) => `${column} must not contain U+0000`).join('; ') };

  const plain: Record<string, unknown> = { member_id: cells.member_id ?? '' };
  const points = cells.points;
  // A points column with an empty cell is an error, not "no change": IsOptional would let '' through as absent.
  if (points !== undefined) plain.points = DIGITS.test(points) ? Number(points) : points === '' ? Number.NaN : points;
  const profile: ImportRecord['profile'] = {};
  for (const field of PROFILE_FIELDS) {
    const cell = cells[field];
    if (cell === undefined) continue;
    const value = cell === '' ? null : field === 'style_group_id' ? cell.toLowerCase() : cell;
    profile[field] = value;
    if (value !== null) plain[field] = value;
  }
  const errors = validateSync(plainToInstance(ImportRowDto, plain), { forbidUnknownValues: false });
  if (errors.length) return { error: describe(errors) };
  return { record: { index: row.index, line: row.line, memberId: plain.member_id as string, points: plain.points as number | undefined, profile } };
}

function describe(errors: ValidationError[]): string {
  const order = (field: string) => IMPORT_COLUMNS.indexOf(field as ImportColumn);
  return [...errors]
    .sort((a, b) => order(a.property) - order(b.property))
    // A value that is no integer at all fails the range checks too; say the first thing first.
    .map((error) => `${error.property} ${error.constraints?.isInt ?? Object.values(error.constraints ?? {})[0] ?? 'is not valid'}`)
    .join('; ');
}
