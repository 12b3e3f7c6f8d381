import {
  DERIVED_EXPORT_COLUMNS,
  DomainError,
  FieldError,
  IMPORT_COLUMNS,
  ImportColumn,
  MAX_IMPORT_ROWS,
  REQUIRED_IMPORT_COLUMNS,
  StagedImportRow,
} from '@wp/contracts';
import { CsvError, parse } from 'csv-parse';
import { Readable, Transform, TransformCallback } from 'node:stream';

/** Rows sent to be staged per call: a few hundred kilobytes on the bus. */
export const STAGE_ROWS = 1000;
/** A record longer than this is not a member; it is most likely an unclosed quote swallowing the file. */
const MAX_RECORD_BYTES = 64 * 1024;
/** After these, csv-parse cannot find where the next record starts: nothing after them is read. */
const FATAL_CSV_ERRORS = new Set(['CSV_QUOTE_NOT_CLOSED', 'CSV_MAX_RECORD_SIZE']);

/**
 * csv-parse counts a CRLF inside a quoted field as two lines, which would shift the line
 * numbers of every later row; with CRLF turned into LF first its counts are exact. Only a
 * quoted multi-line value sees the difference (its line breaks become LF).
 */
class CrlfToLf extends Transform {
  private pendingCr = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let text = chunk.toString('latin1');
    if (this.pendingCr) text = `\r${text}`;
    this.pendingCr = text.endsWith('\r');
    if (this.pendingCr) text = text.slice(0, -1);
    // latin1 maps bytes one to one, so UTF-8 sequences pass through untouched.
    callback(null, Buffer.from(text.replace(/\r\n/g, '\n'), 'latin1'));
  }

  override _flush(callback: TransformCallback): void {
    callback(null, this.pendingCr ? Buffer.from('\r', 'latin1') : undefined);
  }
}

type Header = Array<ImportColumn | null>;

/** The header's columns; unknown, repeated or missing names are a 400 naming them. */
export function readHeader(cells: readonly string[]): Header {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const header = cells.map((raw) => {
    const name = raw.trim();
    if (seen.has(name)) errors.push({ field: name || '(empty)', message: 'is named twice in the header' });
    seen.add(name);
    if ((IMPORT_COLUMNS as readonly string[]).includes(name)) return name as ImportColumn;
    if ((DERIVED_EXPORT_COLUMNS as readonly string[]).includes(name)) return null;
    errors.push({ field: name || '(empty)', message: `is not a column an import takes (${[...IMPORT_COLUMNS, ...DERIVED_EXPORT_COLUMNS].join(', ')})` });
    return null;
  });
  for (const column of REQUIRED_IMPORT_COLUMNS) if (!seen.has(column)) errors.push({ field: column, message: 'column is missing from the header' });
  if (errors.length) throw new DomainError('bad_request', 'The CSV header is not valid', errors);
  return header;
}

/**
 * Reads an import upload with csv-parse as it arrives and hands its rows on in chunks of
 * STAGE_ROWS, waiting for each chunk to be staged before reading on (the request stream is
 * paused meanwhile), so memory holds one chunk whatever the file's size. Rows are numbered
 * by the line they start on (header = line 1); a row that is not valid CSV is handed on with
 * its error, and the reading goes on after it when the format allows.
 */
export async function readImport(body: Readable, stage: (rows: StagedImportRow[]) => Promise<void>): Promise<number> {
  const skipped: StagedImportRow[] = [];
  let header: Header | undefined;
  let index = 0;
  let lastLine = 0;
  let chunk: StagedImportRow[] = [];
  const take = (row: StagedImportRow) => {
    if (row.index >= MAX_IMPORT_ROWS) {
      throw new DomainError('payload_too_large', `An import holds at most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} rows`, [
        { field: 'body', message: `has more than ${MAX_IMPORT_ROWS.toLocaleString('en-US')} rows after the header` },
      ]);
    }
    chunk.push(row);
  };
  const flush = async (atLeast: number) => {
    if (chunk.length < atLeast || chunk.length === 0) return;
    const rows = chunk;
    chunk = [];
    await stage(rows);
  };

  const normalizer = new CrlfToLf();
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_BYTES,
    on_skip: (error: CsvError | undefined) => {
      if (!error) return;
      const line = (error as CsvError & { lines?: number }).lines ?? lastLine + 1;
      const fatal = FATAL_CSV_ERRORS.has(error.code);
      skipped.push({ index: index++, line, error: `${error.message}${fatal ? '; no row after it was read' : ''}` });
    },
  });
  // Not pipeline(): a refusal (400, 413) must leave the request readable, so the gateway can
  // drain it and the client sees the answer instead of a reset.
  const abandon = () => parser.destroy(new DomainError('bad_request', 'The upload ended before the CSV did'));
  body.once('aborted', abandon);
  body.once('error', abandon);
  body.pipe(normalizer).pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const startLine = lastLine + 1;
      lastLine = info.lines;
      for (const row of skipped.splice(0)) take(row);
      if (!header) {
        header = readHeader(record);
        continue;
      }
      if (record.length === 1 && record[0] === '') continue;
      if (record.length !== header.length) {
        take({ index: index++, line: startLine, error: `has ${record.length} fields where the header has ${header.length}` });
      } else {
        const cells: Partial<Record<ImportColumn, string>> = {};
        header.forEach((column, i) => {
          if (column) cells[column] = record[i];
        });
        take({ index: index++, line: startLine, cells });
      }
      await flush(STAGE_ROWS);
    }
    for (const row of skipped.splice(0)) take(row);
  } finally {
    body.off('aborted', abandon).off('error', abandon);
    body.unpipe(normalizer);
    normalizer.unpipe(parser);
  }
  if (!header) throw DomainError.invalid('body', 'must start with a header row naming the columns (member_id, points, ...)');
  if (index === 0) throw DomainError.invalid('body', 'holds a header but no rows');
  await flush(1);
  return index;
}
