import { FlexRender, tableFeatures, useTable, type ColumnDef, type RowData } from '@tanstack/react-table';
import { useMemo, useRef, type ReactNode } from 'react';

const features = tableFeatures({});

/** A column: its heading and how a row shows in it. */
export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

/** A plain accessible table over TanStack Table's row model; sorting and paging come from the API. */
export function DataTable<T extends RowData>({ caption, columns, data, empty = 'Nothing yet.' }: { caption: string; columns: Array<Column<T>>; data: T[]; empty?: string }) {
  // The table keeps its options stable (a new array each render makes it re-sync forever),
  // so columns are keyed by their headings and rows by their content; cells still call the
  // screen's latest renderers, which close over its current handlers.
  const latest = useRef(columns);
  latest.current = columns;
  const headings = columns.map((c) => c.header).join('\u0000');
  const defs = useMemo(
    () => headings.split('\u0000').map((header, i): ColumnDef<typeof features, T> => ({ id: `c${i}`, header, cell: (ctx) => latest.current[i]?.cell(ctx.row.original) })),
    [headings],
  );
  const content = JSON.stringify(data);
  const rows = useMemo(() => data, [content]);
  const table = useTable({ features, columns: defs, data: rows });
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col">
                  {header.isPlaceholder ? null : <FlexRender header={header} />}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id}>
              {row.getAllCells().map((cell) => (
                <td key={cell.id} data-label={String(cell.column.columnDef.header ?? '')}>
                  <FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
          {data.length === 0 && (
            <tr>
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
