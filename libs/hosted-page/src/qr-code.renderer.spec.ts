import QRCode from 'qrcode';
import { renderQrCodeSvg } from './qr-code.renderer';

/** Rebuilds the module grid from the SVG path, the way a scanner would see the picture. */
function modulesFromSvg(svg: string): { extent: number; dark: Set<string> } {
  const extent = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const d = /<path d="([^"]*)"/.exec(svg)?.[1] ?? '';
  const dark = new Set<string>();
  for (const [, x, y, run] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let i = 0; i < Number(run); i++) dark.add(`${Number(y)},${Number(x) + i}`);
  }
  return { extent, dark };
}

describe('renderQrCodeSvg', () => {
  const url = 'https://wallet.example.com/p/9f8e7d6c5b4a39281706f5e4d3c2b1a0';

  it('draws exactly the QR modules of the URL, inside a 4-module quiet zone', () => {
    const svg = renderQrCodeSvg(url, { label: 'QR code' });
    const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const { extent, dark } = modulesFromSvg(svg);

    expect(extent).toBe(modules.size + 8);
    const expected = new Set<string>();
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) if (modules.get(row, col)) expected.add(`${row + 4},${col + 4}`);
    }
    expect(dark).toEqual(expected);
  });

  it('is an accessible image with a label and a title', () => {
    const svg = renderQrCodeSvg(url, { label: 'Scan "me" <now>', testId: 'qr-code' });
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-label="Scan &quot;me&quot; &lt;now&gt;"');
    expect(svg).toContain('<title>Scan &quot;me&quot; &lt;now&gt;</title>');
    expect(svg).toContain('data-testid="qr-code"');
  });
});
