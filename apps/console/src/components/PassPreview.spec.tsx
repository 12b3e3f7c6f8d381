import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { previewModel } from '../lib/preview';
import { PassPreview } from './PassPreview';

// flushSync renders before it returns, in every React build (act() exists only in development
// builds, and a run once picked a build without it).

function render(style: Parameters<typeof previewModel>[0]): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  flushSync(() => root.render(<PassPreview model={previewModel(style)} />));
  return host;
}

describe('PassPreview', () => {
  test('draws the front in the style colours, with filled fields, images and a labelled barcode', () => {
    const host = render({
      brand_colors: { background_color: '#123456', foreground_color: '#FFFFFF', label_color: 'rgb(255,210,127)' },
      header_fields: [{ key: 'points', label: 'Points', value: '{points}' }],
      primary_fields: [{ key: 'name', label: 'Member', value: '{member_name}' }],
      barcode: { format: 'PKBarcodeFormatCode128', message: '{member_id}' },
      logo_url: '/v1/assets/public/logo.png',
      strip_url: '/v1/assets/public/strip.png',
    });
    const card = host.querySelector('[data-testid="pass-preview"]') as HTMLElement;
    expect(card.style.backgroundColor).toBe('rgb(18, 52, 86)');
    expect(card.style.color).toBe('rgb(255, 255, 255)');
    expect([...card.querySelectorAll('dt')].map((dt) => [dt.textContent, (dt as HTMLElement).style.color])).toEqual([
      ['Points', 'rgb(255, 210, 127)'],
      ['Member', 'rgb(255, 210, 127)'],
    ]);
    expect([...card.querySelectorAll('dd')].map((dd) => dd.textContent)).toEqual(['156', 'Alex Sample']);
    expect(card.querySelector('img[alt="Logo"]')?.getAttribute('src')).toBe('/v1/assets/public/logo.png');
    expect(card.querySelector('img[alt="Strip image"]')?.getAttribute('src')).toBe('/v1/assets/public/strip.png');
    expect(card.querySelector('svg[role="img"]')?.getAttribute('aria-label')).toBe('Code128 barcode for M-000123');
  });

  test('without a barcode or images it shows neither, and the same message always draws the same pattern', () => {
    const host = render({ brand_colors: { background_color: 'rgb(1,2,3)' } });
    expect(host.querySelector('svg')).toBeNull();
    expect(host.querySelector('img')).toBeNull();
    const a = render({ barcode: { format: 'PKBarcodeFormatQR', message: 'X' } }).querySelector('svg')!.innerHTML;
    const b = render({ barcode: { format: 'PKBarcodeFormatQR', message: 'X' } }).querySelector('svg')!.innerHTML;
    const c = render({ barcode: { format: 'PKBarcodeFormatQR', message: 'Y' } }).querySelector('svg')!.innerHTML;
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});
