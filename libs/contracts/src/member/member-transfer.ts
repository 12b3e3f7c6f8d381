/**
 * CSV import and export of members (spec/API.md §8.6): the column names both ends agree on,
 * and the internal messages that carry rows between the gateway, pass-generation's batches
 * and member-data.
 */

/** An import holds at most this many data rows (the header not counted). */
export const MAX_IMPORT_ROWS = 100_000;

/** Columns an import writes: the registration names plus the balance to set. */
export const IMPORT_COLUMNS = ['member_id', 'member_name', 'member_email', 'phone_number', 'style_group_id', 'points'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Columns every import header must name. Without `points` an import leaves balances as they are (new members start at 0). */
export const REQUIRED_IMPORT_COLUMNS: readonly ImportColumn[] = ['member_id'];

/** What an export writes, in this order; the contract fixes the first six. */
export const EXPORT_COLUMNS = ['member_id', 'member_name', 'member_email', 'phone_number', 'points', 'tier', 'style_group_id', 'apple_passes', 'google_passes'] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** Export columns the server derives: an import accepts them (so an export imports as it is) and ignores their values. */
export const DERIVED_EXPORT_COLUMNS: readonly ExportColumn[] = ['tier', 'apple_passes', 'google_passes'];

/** One data row of an import as the gateway read it: the cells by column name, as text. */
export interface ImportRowCells {
  /** Position among the data rows, from 0: the batch operation's index. */
  index: number;
  /** Line of the file where the row starts; the header is line 1. */
  line: number;
  cells: Partial<Record<ImportColumn, string>>;
}

/** A row the gateway could not read as CSV (it is recorded as failed, never applied). */
export interface UnreadableImportRow {
  index: number;
  line: number;
  error: string;
}

export type StagedImportRow = ImportRowCells | UnreadableImportRow;

/** member-data applies a chunk of rows in one transaction and names the rows that failed. */
export interface ApplyImportRows {
  rows: ImportRowCells[];
}

export interface ImportRowFailure {
  index: number;
  code: 'bad_request' | 'not_found';
  message: string;
}

export interface ApplyImportRowsResult {
  failed: ImportRowFailure[];
}

/** One keyset page of an export. `after` is the previous page's `next`. */
export interface ExportMembersPage {
  after?: string | null;
  limit: number;
}

export type ExportedMember = Record<ExportColumn, string | number | null>;

export interface ExportedMembersPage {
  rows: ExportedMember[];
  /** null on the last page. */
  next: string | null;
}
