import { FlexRender, tableFeatures, useTable, type ColumnDef, type RowData } from '@tanstack/react-table';
import type { ReactNode } from 'react';

const features = tableFeatures({});

/** A column: its heading and how a row shows in it. */
export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

/** A plain accessible table over TanStack Table's row model; sorting and paging come from the API. */
export function DataTable<T extends RowData>({ caption, columns, data, empty = 'Nothing yet.' }: { caption: string; columns: Array<Column<T>>; data: T[]; empty?: string }) {
  // Rebuilt each render on purpose: cells close over the screen's current handlers.
  const defs = columns.map((c, i): ColumnDef<typeof features, T> => ({ id: `c${i}`, header: c.header, cell: (ctx) => c.cell(ctx.row.original) }));
  const table = useTable({ features, columns: defs, data });
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
