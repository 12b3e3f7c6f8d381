import { encodePng } from './png.encoder';

type Rgb = readonly [number, number, number];
/** Signed distance in points from a shape's edge (negative inside). */
type Shape = (x: number, y: number) => number;
type Paint = (x: number, y: number) => Rgb;

interface Layer {
  shape: Shape;
  paint: Paint;
  opacity: number;
}

const INDIGO_LIGHT: Rgb = [99, 102, 241];
const INDIGO_DARK: Rgb = [67, 56, 202];
const TEAL: Rgb = [20, 184, 166];
const WHITE: Rgb = [255, 255, 255];
const SLATE: Rgb = [148, 163, 184];

/**
 * Apple's recommended sizes in points; @2x/@3x are the same drawing at 2× and 3× pixels.
 * Icon 29×29, logo 160×50, strip 375×123 (store card / generic, the platform's loyalty card).
 */
const IMAGES: Record<string, { width: number; height: number; scale: number; draw: (w: number, h: number) => Layer[] }> = {
  'icon.png': { width: 29, height: 29, scale: 1, draw: iconLayers },
  'icon@2x.png': { width: 29, height: 29, scale: 2, draw: iconLayers },
  'icon@3x.png': { width: 29, height: 29, scale: 3, draw: iconLayers },
  'logo.png': { width: 160, height: 50, scale: 1, draw: logoLayers },
  'logo@2x.png': { width: 160, height: 50, scale: 2, draw: logoLayers },
  'strip.png': { width: 375, height: 123, scale: 1, draw: stripLayers },
  'strip@2x.png': { width: 375, height: 123, scale: 2, draw: stripLayers },
};

let cache: Readonly<Record<string, Buffer>> | undefined;

/**
 * Valid PNGs for the roles a style may leave empty: a badge icon, a badge-and-wordmark
 * logo and a gradient strip. Drawn once per process; callers get fresh copies of the map,
 * and the buffers themselves must not be mutated.
 */
export function builtInImages(): Record<string, Buffer> {
  if (!cache) {
    const images: Record<string, Buffer> = {};
    for (const [name, spec] of Object.entries(IMAGES)) {
      images[name] = render(spec.width, spec.height, spec.scale, spec.draw(spec.width, spec.height));
    }
    cache = Object.freeze(images);
  }
  return { ...cache };
}

function render(width: number, height: number, scale: number, layers: Layer[]): Buffer {
  const pixelsWide = width * scale;
  const pixelsHigh = height * scale;
  const rgba = new Uint8Array(pixelsWide * pixelsHigh * 4);
  for (let py = 0; py < pixelsHigh; py++) {
    for (let px = 0; px < pixelsWide; px++) {
      const x = (px + 0.5) / scale;
      const y = (py + 0.5) / scale;
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (const layer of layers) {
        // Anti-aliasing: coverage is how much of this pixel lies inside the edge.
        const coverage = Math.min(1, Math.max(0, 0.5 - layer.shape(x, y) * scale)) * layer.opacity;
        if (coverage === 0) continue;
        const [lr, lg, lb] = layer.paint(x, y);
        const outA = coverage + a * (1 - coverage);
        r = (lr * coverage + r * a * (1 - coverage)) / outA;
        g = (lg * coverage + g * a * (1 - coverage)) / outA;
        b = (lb * coverage + b * a * (1 - coverage)) / outA;
        a = outA;
      }
      const i = (py * pixelsWide + px) * 4;
      rgba[i] = Math.round(r);
      rgba[i + 1] = Math.round(g);
      rgba[i + 2] = Math.round(b);
      rgba[i + 3] = Math.round(a * 255);
    }
  }
  return encodePng(pixelsWide, pixelsHigh, rgba);
}

function iconLayers(w: number, h: number): Layer[] {
  const size = Math.min(w, h);
  const cx = w / 2;
  const cy = h / 2;
  return [
    { shape: roundedRect(0, 0, w, h, size * 0.22), paint: verticalGradient(0, h, INDIGO_LIGHT, INDIGO_DARK), opacity: 1 },
    ...badgeMark(cx, cy, size * 0.3, WHITE),
  ];
}

function logoLayers(_w: number, h: number): Layer[] {
  const radius = h * 0.36;
  const cx = h / 2;
  const cy = h / 2;
  return [
    { shape: circle(cx, cy, radius), paint: verticalGradient(cy - radius, cy + radius, INDIGO_LIGHT, INDIGO_DARK), opacity: 1 },
    ...badgeMark(cx, cy, radius * 0.62, WHITE),
    // A neutral "wordmark" that reads on light and dark pass backgrounds alike.
    { shape: roundedRect(h + 4, h * 0.3, 78, h * 0.16, h * 0.08), paint: solid(SLATE), opacity: 0.9 },
    { shape: roundedRect(h + 4, h * 0.56, 52, h * 0.12, h * 0.06), paint: solid(SLATE), opacity: 0.6 },
  ];
}

function stripLayers(w: number, h: number): Layer[] {
  return [
    { shape: roundedRect(0, 0, w, h, 0), paint: horizontalGradient(0, w, INDIGO_DARK, TEAL), opacity: 1 },
    { shape: circle(w * 0.82, h * 0.2, h * 0.75), paint: solid(WHITE), opacity: 0.1 },
    { shape: circle(w * 0.95, h * 0.95, h * 0.5), paint: solid(WHITE), opacity: 0.08 },
    { shape: circle(w * 0.12, h * 1.1, h * 0.45), paint: solid(WHITE), opacity: 0.06 },
  ];
}

/** A ring with a dot: the platform's "points" badge. */
function badgeMark(cx: number, cy: number, radius: number, colour: Rgb): Layer[] {
  const thickness = radius * 0.3;
  return [
    { shape: ring(cx, cy, radius - thickness / 2, thickness / 2), paint: solid(colour), opacity: 1 },
    { shape: circle(cx, cy, radius * 0.3), paint: solid(colour), opacity: 1 },
  ];
}

function circle(cx: number, cy: number, r: number): Shape {
  return (x, y) => Math.hypot(x - cx, y - cy) - r;
}

function ring(cx: number, cy: number, r: number, halfWidth: number): Shape {
  return (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) - halfWidth;
}

function roundedRect(left: number, top: number, width: number, height: number, radius: number): Shape {
  const hx = width / 2;
  const hy = height / 2;
  const cx = left + hx;
  const cy = top + hy;
  return (x, y) => {
    const qx = Math.abs(x - cx) - hx + radius;
    const qy = Math.abs(y - cy) - hy + radius;
    return Math.min(Math.max(qx, qy), 0) + Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) - radius;
  };
}

function solid(colour: Rgb): Paint {
  return () => colour;
}

function mix(from: Rgb, to: Rgb, t: number): Rgb {
  const k = Math.min(1, Math.max(0, t));
  return [from[0] + (to[0] - from[0]) * k, from[1] + (to[1] - from[1]) * k, from[2] + (to[2] - from[2]) * k];
}

function verticalGradient(top: number, bottom: number, from: Rgb, to: Rgb): Paint {
  return (_x, y) => mix(from, to, (y - top) / (bottom - top));
}

function horizontalGradient(left: number, right: number, from: Rgb, to: Rgb): Paint {
  return (x) => mix(from, to, (x - left) / (right - left));
}
