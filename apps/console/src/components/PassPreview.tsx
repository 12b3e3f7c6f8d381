import type { PreviewModel } from '../lib/preview';

/** A stand-in for the barcode: a stable pattern from the message (the wallet draws the real one). */
function BarcodeArt({ format, message }: { format: string; message: string }) {
  let seed = 0;
  for (const ch of message) seed = (seed * 31 + ch.charCodeAt(0)) >>> 0;
  const linear = format === 'Code128' || format === 'PDF417';
  const cells: Array<[number, number]> = [];
  const size = linear ? 24 : 11;
  for (let i = 0; i < (linear ? size : size * size); i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    if (seed & 0x10000) cells.push(linear ? [i, 0] : [i % size, Math.floor(i / size)]);
  }
  return (
    <svg viewBox={linear ? `0 0 ${size} 6` : `0 0 ${size} ${size}`} className={linear ? 'barcode linear' : 'barcode square'} role="img" aria-label={`${format} barcode for ${message}`}>
      <rect width="100%" height="100%" fill="#fff" />
      {cells.map(([x, y]) => (linear ? <rect key={x} x={x} y={0} width={0.6} height={6} fill="#000" /> : <rect key={`${x}-${y}`} x={x} y={y} width={1} height={1} fill="#000" />))}
    </svg>
  );
}

function Fields({ list, label, className }: { list: PreviewModel['header']; label: string; className: string }) {
  return (
    <dl className={className}>
      {list.map((f) => (
        <div key={f.key}>
          <dt style={{ color: label }}>{f.label}</dt>
          <dd>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The front of the pass as a wallet shows it, drawn from a preview model. */
export function PassPreview({ model }: { model: PreviewModel }) {
  return (
    <figure className="pass-preview" aria-label="Pass preview">
      <div className="pass-card" data-testid="pass-preview" style={{ backgroundColor: model.background, color: model.foreground }}>
        <div className="pass-top">
          {model.logoUrl ? <img src={model.logoUrl} alt="Logo" className="pass-logo" /> : <span className="pass-logo placeholder" aria-hidden="true" />}
          <Fields list={model.header} label={model.label} className="pass-header" />
        </div>
        {model.stripUrl && <img src={model.stripUrl} alt="Strip image" className="pass-strip" />}
        <Fields list={model.primary} label={model.label} className="pass-primary" />
        <Fields list={model.secondary} label={model.label} className="pass-secondary" />
        <Fields list={model.auxiliary} label={model.label} className="pass-auxiliary" />
        {model.barcode && (
          <div className="pass-barcode">
            <BarcodeArt format={model.barcode.format} message={model.barcode.message} />
            <span>{model.barcode.altText ?? model.barcode.message}</span>
          </div>
        )}
      </div>
      <figcaption className="muted">Preview with a sample member; placeholders such as {'{points}'} are filled in.</figcaption>
    </figure>
  );
}
