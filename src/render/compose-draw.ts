import type { Composition, TextItem } from '../compose/layout.ts';

type Ctx2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

const FONT = 'system-ui, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';

/** Whether the panes cover the whole canvas (they never overlap): no background shows. */
export function coversCanvas(comp: Composition): boolean {
  return comp.panes.reduce((a, p) => a + p.clip.width * p.clip.height, 0) === comp.width * comp.height;
}

/** The photo as it is, cropped and scaled into every pane (the dots go over the after panes later). */
export function drawPanes(ctx: Ctx2D, photo: CanvasImageSource, comp: Composition): void {
  for (const p of comp.panes) {
    if (p.clip.width === 0 || p.clip.height === 0) continue;
    ctx.save();
    ctx.beginPath();
    ctx.rect(p.clip.x, p.clip.y, p.clip.width, p.clip.height);
    ctx.clip();
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(photo, p.src.x, p.src.y, p.src.width, p.src.height, p.dest.x, p.dest.y, p.dest.width, p.dest.height);
    ctx.restore();
  }
}

/** A text on a dark rounded box. */
function boxedText(ctx: Ctx2D, t: TextItem, fill: string, weight: number): void {
  ctx.font = `${weight} ${t.size}px ${FONT}`;
  const w = ctx.measureText(t.text).width;
  const padX = Math.round(t.size * 0.45), padY = Math.round(t.size * 0.3);
  const bw = Math.ceil(w + 2 * padX), bh = Math.ceil(t.size * 1.2 + 2 * padY);
  const x = Math.round(t.align === 'left' ? t.x : t.align === 'right' ? t.x - bw : t.x - bw / 2);
  const y = Math.round(t.baseline === 'top' ? t.y : t.baseline === 'bottom' ? t.y - bh : t.y - bh / 2);
  ctx.fillStyle = fill;
  ctx.beginPath();
  ctx.roundRect(x, y, bw, bh, Math.round(t.size * 0.25));
  ctx.fill();
  ctx.fillStyle = '#ffffff';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillText(t.text, x + padX, y + bh / 2);
}

/** Labels, the split line, the logo, the watermark and the "Simulated result" stamp, over the panes. */
export function drawOverlays(ctx: Ctx2D, comp: Composition, logo: CanvasImageSource | null): void {
  ctx.save();
  if (comp.divider) {
    ctx.fillStyle = '#ffffff';
    const d = comp.divider;
    ctx.fillRect(d.x, d.y, d.width, d.height);
  }
  if (comp.watermark) {
    const t = comp.watermark;
    ctx.font = `600 ${t.size}px ${FONT}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    // Faint enough to leave the picture readable, visible on light and dark skin alike.
    ctx.lineWidth = Math.max(1, t.size / 16);
    ctx.strokeStyle = 'rgba(0,0,0,0.18)';
    ctx.fillStyle = 'rgba(255,255,255,0.32)';
    ctx.strokeText(t.text, t.x, t.y);
    ctx.fillText(t.text, t.x, t.y);
  }
  if (logo && comp.logo) {
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(logo, comp.logo.x, comp.logo.y, comp.logo.width, comp.logo.height);
  }
  for (const t of comp.labels) boxedText(ctx, t, 'rgba(0,0,0,0.6)', 600);
  if (comp.stamp) boxedText(ctx, comp.stamp, 'rgba(120,20,20,0.78)', 700);
  ctx.restore();
}
