import QRCode from 'qrcode';
import { view } from './views';

// The QR spec asks for a 4-module light margin; phone cameras miss codes that lack it.
const QUIET_ZONE = 4;

/**
 * An inline SVG QR code for `text`, drawn from the `qrcode` package's module matrix so the
 * page stays synchronous and self-contained. Horizontal runs are merged into one path.
 */
export function renderQrCodeSvg(text: string, attributes: { label: string; testId?: string; className?: string }): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  let path = '';
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && modules.get(row, col)) col++;
      path += `M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${col - start}v1h-${col - start}z`;
    }
  }
  const extent = size + QUIET_ZONE * 2;
  return renderSvg({ extent, path, label: attributes.label, testId: attributes.testId, className: attributes.className });
}

const renderSvg = view<{ extent: number; path: string; label: string; testId?: string; className?: string }>(
  'qr-code',
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 <%= it.extent %> <%= it.extent %>" role="img" aria-label="<%= it.label %>"<% if (it.testId) { %> data-testid="<%= it.testId %>"<% } %><% if (it.className) { %> class="<%= it.className %>"<% } %> shape-rendering="crispEdges"><title><%= it.label %></title><rect width="<%= it.extent %>" height="<%= it.extent %>" fill="#fff"/><path d="<%= it.path %>" fill="#000"/></svg>`,
);
