/** The view of the photo on screen: screen = photo × scale + offset. Pure math, no DOM. */
export interface View {
  scale: number;
  x: number;
  y: number;
}

export const MIN_SCALE = 0.02;
export const MAX_SCALE = 16;

/** The view that fits a photo inside a viewport with a margin, centred. */
export function fitView(photoW: number, photoH: number, viewW: number, viewH: number, margin = 0.96): View {
  const scale = Math.min((viewW * margin) / photoW, (viewH * margin) / photoH);
  return { scale, x: (viewW - photoW * scale) / 2, y: (viewH - photoH * scale) / 2 };
}

/** Zooms by `factor` keeping the screen point (sx, sy) over the same photo point. */
export function zoomAt(v: View, factor: number, sx: number, sy: number): View {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, v.scale * factor));
  const k = scale / v.scale;
  return { scale, x: sx - (sx - v.x) * k, y: sy - (sy - v.y) * k };
}

export const panBy = (v: View, dx: number, dy: number): View => ({ ...v, x: v.x + dx, y: v.y + dy });

export const toPhoto = (v: View, sx: number, sy: number): { x: number; y: number } => ({ x: (sx - v.x) / v.scale, y: (sy - v.y) / v.scale });
