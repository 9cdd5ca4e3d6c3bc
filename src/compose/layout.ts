/**
 * Before/after compositions as rectangles: where each pane, label, stamp, logo and watermark sit on the exported
 * canvas, and the canvas size of each preset. Pure: the worker draws from these, tests check them, the panel
 * previews them at a smaller scale.
 */

export type LayoutKind = 'after' | 'side' | 'stack' | 'split';
export type PresetId = 'original' | 'square' | 'portrait' | 'story' | 'a4' | 'print-10x15';
/** How content meets a preset's canvas of another shape: all of it, letterboxed, or filling it, cropped. */
export type Fit = 'contain' | 'cover';

export interface Size {
  width: number;
  height: number;
}
export interface Rect extends Size {
  x: number;
  y: number;
}

export const LAYOUTS: { id: LayoutKind; name: string }[] = [
  { id: 'side', name: 'Side by side' },
  { id: 'stack', name: 'Top and bottom' },
  { id: 'split', name: 'Split line' },
  { id: 'after', name: 'Simulation only' },
];

/** Social sizes are the platforms' 2× sizes (1080 px wide posts); print sizes are at 300 dpi. */
const SOCIAL_WIDTH = 2160;
const DPI = 300;
const mmToPx = (mm: number): number => Math.round((mm / 25.4) * DPI);

export const PRESETS: { id: PresetId; name: string; size: Size | null; print: boolean }[] = [
  { id: 'original', name: 'Original (full resolution)', size: null, print: false },
  { id: 'square', name: 'Square post 1:1', size: { width: SOCIAL_WIDTH, height: SOCIAL_WIDTH }, print: false },
  { id: 'portrait', name: 'Portrait post 4:5', size: { width: SOCIAL_WIDTH, height: (SOCIAL_WIDTH * 5) / 4 }, print: false },
  { id: 'story', name: 'Story 9:16', size: { width: SOCIAL_WIDTH, height: (SOCIAL_WIDTH * 16) / 9 }, print: false },
  { id: 'a4', name: 'A4 print, 300 dpi', size: { width: mmToPx(210), height: mmToPx(297) }, print: true },
  { id: 'print-10x15', name: '10 × 15 cm print, 300 dpi', size: { width: mmToPx(100), height: mmToPx(150) }, print: true },
];

/** Beyond these a browser may refuse the canvas or run short of memory: the content is scaled down to fit. */
export const MAX_SIDE = 16384;
export const MAX_PIXELS = 120e6;

export const STAMP_TEXT = 'Simulated result';

export interface ComposeOptions {
  photo: Size;
  layout: LayoutKind;
  preset: PresetId;
  fit: Fit;
  labels: { before: string; after: string };
  stamp: boolean;
  watermark: string;
  /** The logo image's size, or null for none. */
  logo: Size | null;
  /** Scales the whole canvas down so its longer side is at most this (previews). */
  maxSide?: number;
}

export interface Pane {
  kind: 'before' | 'after';
  /** The part of the photo shown, in photo px. */
  src: Rect;
  /** Where that part lands, in canvas px (may reach past the canvas when a preset crops). */
  dest: Rect;
  /** The visible part of dest, inside the canvas. */
  clip: Rect;
}

export interface TextItem {
  text: string;
  /** Anchor point, canvas px. */
  x: number;
  y: number;
  /** Font size, px. */
  size: number;
  align: 'left' | 'right' | 'center';
  baseline: 'top' | 'bottom' | 'middle';
}

export interface Composition {
  width: number;
  height: number;
  /** Canvas px per photo px. */
  scale: number;
  panes: Pane[];
  /** The split layout's line between before and after. */
  divider: Rect | null;
  labels: TextItem[];
  stamp: TextItem | null;
  watermark: TextItem | null;
  logo: Rect | null;
}

/**
 * A font size for `text` on its box: `wanted` (at least 8 px), made smaller (to 4 px) where the box would be wider than
 * `room`. Widths are estimated (0.62 em a character in a bold sans, plus the box's padding): drawing measures them.
 */
function fitText(text: string, wanted: number, room: number): number {
  const perPx = 0.62 * text.length + 0.9;
  return Math.max(4, Math.min(Math.max(8, wanted), Math.floor(room / perPx)));
}

export function intersect(a: Rect, b: Rect): Rect {
  const x = Math.max(a.x, b.x), y = Math.max(a.y, b.y);
  const r = Math.min(a.x + a.width, b.x + b.width), bt = Math.min(a.y + a.height, b.y + b.height);
  return { x, y, width: Math.max(0, r - x), height: Math.max(0, bt - y) };
}

/** The panes at one photo px per unit, and the content's size. */
function panesAtUnit(photo: Size, layout: LayoutKind): { size: Size; panes: { kind: Pane['kind']; src: Rect; at: Rect }[] } {
  const { width: w, height: h } = photo;
  const all: Rect = { x: 0, y: 0, width: w, height: h };
  switch (layout) {
    case 'after':
      return { size: photo, panes: [{ kind: 'after', src: all, at: all }] };
    case 'side':
      return { size: { width: 2 * w, height: h }, panes: [{ kind: 'before', src: all, at: all }, { kind: 'after', src: all, at: { ...all, x: w } }] };
    case 'stack':
      return { size: { width: w, height: 2 * h }, panes: [{ kind: 'before', src: all, at: all }, { kind: 'after', src: all, at: { ...all, y: h } }] };
    case 'split': {
      const half = Math.round(w / 2);
      const left = { x: 0, y: 0, width: half, height: h }, right = { x: half, y: 0, width: w - half, height: h };
      return { size: photo, panes: [{ kind: 'before', src: left, at: left }, { kind: 'after', src: right, at: right }] };
    }
  }
}

/** The canvas for a preset: its own size (print: turned to the content's orientation), or the content's. */
export function presetCanvas(preset: PresetId, content: Size): Size {
  const p = PRESETS.find((x) => x.id === preset);
  if (!p?.size) return { width: content.width, height: content.height };
  const { width, height } = p.size;
  const landscape = content.width > content.height;
  return p.print && landscape ? { width: height, height: width } : { width: Math.round(width), height: Math.round(height) };
}

export function compose(o: ComposeOptions): Composition {
  const { size: content, panes } = panesAtUnit(o.photo, o.layout);
  let canvas = presetCanvas(o.preset, content);
  let scale = o.preset === 'original' ? 1 : (o.fit === 'cover' ? Math.max : Math.min)(canvas.width / content.width, canvas.height / content.height);
  // Keep within what a browser can hold, then within a preview's size.
  const limit = Math.min(1, MAX_SIDE / Math.max(canvas.width, canvas.height), Math.sqrt(MAX_PIXELS / (canvas.width * canvas.height)), o.maxSide ? o.maxSide / Math.max(canvas.width, canvas.height) : 1);
  if (limit < 1) {
    canvas = { width: Math.max(1, Math.round(canvas.width * limit)), height: Math.max(1, Math.round(canvas.height * limit)) };
    scale *= limit;
  }
  const ox = (canvas.width - content.width * scale) / 2, oy = (canvas.height - content.height * scale) / 2;
  const bounds: Rect = { x: 0, y: 0, ...canvas };
  // Edges are rounded, not sizes, so neighbouring panes meet with no gap or overlap.
  const place = (r: Rect): Rect => {
    const x0 = Math.round(ox + r.x * scale), y0 = Math.round(oy + r.y * scale);
    const x1 = Math.round(ox + (r.x + r.width) * scale), y1 = Math.round(oy + (r.y + r.height) * scale);
    return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  };
  const placed: Pane[] = panes.map((p) => {
    const dest = place(p.at);
    return { kind: p.kind, src: p.src, dest, clip: intersect(dest, bounds) };
  });
  const visible = intersect(place({ x: 0, y: 0, ...content }), bounds);
  const unitOf = (r: Size): number => Math.min(r.width, r.height);

  const labels: TextItem[] = [];
  for (const p of placed) {
    const text = (p.kind === 'before' ? o.labels.before : o.labels.after).trim();
    if (!text || p.clip.width === 0 || p.clip.height === 0) continue;
    const u = unitOf(p.clip), m = Math.round(u * 0.04), size = fitText(text, Math.round(u * 0.06), p.clip.width - 2 * m);
    // On a split the after label sits at the right, away from the line.
    const right = o.layout === 'split' && p.kind === 'after';
    labels.push({ text, x: right ? p.clip.x + p.clip.width - m : p.clip.x + m, y: p.clip.y + m, size, align: right ? 'right' : 'left', baseline: 'top' });
  }

  const after = placed.find((p) => p.kind === 'after')!;
  let stamp: TextItem | null = null;
  if (o.stamp && after.clip.width > 0) {
    const u = unitOf(after.clip), m = Math.round(u * 0.03), size = fitText(STAMP_TEXT, Math.round(u * 0.035), after.clip.width - 2 * m);
    stamp = { text: STAMP_TEXT, x: after.clip.x + after.clip.width - m, y: after.clip.y + after.clip.height - m, size, align: 'right', baseline: 'bottom' };
  }

  let divider: Rect | null = null;
  if (o.layout === 'split') {
    const before = placed.find((p) => p.kind === 'before')!;
    const w = Math.max(2, Math.round(unitOf(visible) * 0.004));
    divider = intersect({ x: after.dest.x - Math.floor(w / 2), y: before.dest.y, width: w, height: before.dest.height }, bounds);
  }

  const vu = unitOf(visible);
  const text = o.watermark.trim();
  const watermark: TextItem | null = text
    ? { text, x: visible.x + visible.width / 2, y: visible.y + visible.height / 2, size: Math.max(8, Math.round(vu * 0.07)), align: 'center', baseline: 'middle' }
    : null;

  let logo: Rect | null = null;
  if (o.logo && o.logo.width > 0 && o.logo.height > 0) {
    const m = Math.round(vu * 0.03);
    let h = vu * 0.12, w = (h * o.logo.width) / o.logo.height;
    if (w > visible.width * 0.3) {
      w = visible.width * 0.3;
      h = (w * o.logo.height) / o.logo.width;
    }
    logo = { x: visible.x + m, y: Math.round(visible.y + visible.height - m - h), width: Math.max(1, Math.round(w)), height: Math.max(1, Math.round(h)) };
  }

  return { width: canvas.width, height: canvas.height, scale, panes: placed, divider, labels, stamp, watermark, logo };
}

export type ImageFormat = 'png' | 'jpeg';

/**
 * The export's file name: what the user typed (made safe for any file system), or a generic name that says what the
 * picture is and never who is in it.
 */
export function exportFileName(typed: string, layout: LayoutKind, format: ImageFormat): string {
  const ext = format === 'png' ? '.png' : '.jpg';
  const safe = typed
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '-')
    .replace(/\.(png|jpe?g)$/i, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s-]+|[.\s]+$/g, '')
    .slice(0, 100)
    .trim();
  return (safe || (layout === 'after' ? 'smp-simulation' : 'smp-before-after')) + ext;
}
