import type { Design, Point } from '../../design/types.ts';
import { rgbToHex } from '../../realism/pigment.ts';
import { setDesign, type ToolId } from '../state.ts';
import { onPointerLeave, svg, type Tool, type ToolContext } from './tool.ts';

/** Radius of the sampled disc, in screen px: the colour is what the user sees under the cursor's ring. */
export const SAMPLE_RADIUS_PX = 5;

const toLinear = (v: number): number => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};
const toSrgb8 = (l: number): number => {
  const c = l <= 0.0031308 ? l * 12.92 : 1.055 * l ** (1 / 2.4) - 0.055;
  return Math.round(Math.min(1, Math.max(0, c)) * 255);
};

/**
 * Mean colour (8-bit sRGB) of the RGBA pixels whose centres lie within `r` of (cx, cy), averaged in linear light
 * and weighted by alpha; the nearest pixel's colour when the disc holds no pixel centre. Null for no pixels or a
 * fully transparent disc.
 */
export function averageDiscColour(data: ArrayLike<number>, width: number, height: number, cx: number, cy: number, r: number): [number, number, number] | null {
  if (width <= 0 || height <= 0) return null;
  const sum = [0, 0, 0];
  let weight = 0;
  const add = (i: number): void => {
    const a = data[i + 3]! / 255;
    for (let c = 0; c < 3; c++) sum[c]! += toLinear(data[i + c]!) * a;
    weight += a;
  };
  for (let y = Math.max(0, Math.floor(cy - r)); y < Math.min(height, Math.ceil(cy + r)); y++) {
    for (let x = Math.max(0, Math.floor(cx - r)); x < Math.min(width, Math.ceil(cx + r)); x++) {
      if (Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= r) add((y * width + x) * 4);
    }
  }
  if (weight === 0) {
    const x = Math.min(width - 1, Math.max(0, Math.floor(cx))), y = Math.min(height - 1, Math.max(0, Math.floor(cy)));
    add((y * width + x) * 4);
  }
  if (weight === 0) return null;
  return [toSrgb8(sum[0]! / weight), toSrgb8(sum[1]! / weight), toSrgb8(sum[2]! / weight)];
}


/**
 * Picks the pigment from the photo: a click sets the dots' pigment to the photo's own colour (never the dots'),
 * averaged over a small disc under the cursor, then the Pan tool comes back. The ring under the cursor shows the
 * colour it would pick. No darkening or other guess: the technician adjusts the shade after.
 */
export type PickTarget = 'pigment' | 'skin' | 'hair';

const PICKED: Record<PickTarget, { tool: ToolId; apply: (d: Design, colour: string) => Design; says: string }> = {
  pigment: { tool: 'eyedropper', apply: (d, c) => ({ ...d, dots: { ...d.dots, pigment: c } }), says: 'Pigment set to' },
  skin: { tool: 'eyedropper-skin', apply: (d, c) => ({ ...d, skin: { ...d.skin, skinColour: c } }), says: 'Skin colour sampled:' },
  hair: { tool: 'eyedropper-hair', apply: (d, c) => ({ ...d, skin: { ...d.skin, hairColour: c } }), says: 'Hair colour sampled:' },
};

export const eyedropperTool = (target: PickTarget = 'pigment') => (ctx: ToolContext): Tool => pickTool(ctx, target);

function pickTool(ctx: ToolContext, target: PickTarget): Tool {
  let pointer: Point | null = null;
  const picked = PICKED[target];

  const sample = (p: Point): string | null => {
    const k = ctx.scale();
    const region = ctx.readPhoto?.(p.x, p.y, SAMPLE_RADIUS_PX / k);
    if (!region) return null;
    const rgb = averageDiscColour(region.pixels.data, region.pixels.width, region.pixels.height, region.cx, region.cy, region.r);
    return rgb ? rgbToHex(rgb) : null;
  };

  const draw = (): void => {
    const layer = ctx.layer;
    layer.replaceChildren();
    if (!pointer) return;
    const k = ctx.scale();
    const colour = sample(pointer);
    const g = svg('g', { 'data-testid': 'eyedropper-ring' }, layer);
    if (colour) {
      g.dataset.colour = colour;
      svg('circle', { cx: pointer.x, cy: pointer.y, r: 16 / k, class: 'picker-ring', stroke: colour, 'stroke-width': 10 / k }, g);
      for (const r of [11, 21]) svg('circle', { cx: pointer.x, cy: pointer.y, r: r / k, class: 'picker-edge' }, g);
    }
    svg('circle', { cx: pointer.x, cy: pointer.y, r: SAMPLE_RADIUS_PX / k, class: 'picker-disc' }, g);
  };

  onPointerLeave(ctx, picked.tool, () => {
    pointer = null;
    draw();
  });

  return {
    id: picked.tool,
    down(p) {
      pointer = p;
      const colour = sample(p);
      if (!colour) {
        ctx.store.update((s) => ({ ...s, notice: { kind: 'error', text: 'Click on the photo to pick its colour.' } }));
        return true;
      }
      setDesign(ctx.store, (d) => picked.apply(d, colour));
      ctx.store.update((s) => ({ ...s, tool: 'pan', notice: { kind: 'info', text: `${picked.says} ${colour}, picked from the photo.` } }));
      return true;
    },
    hover(p) {
      pointer = p;
      draw();
    },
    draw,
    leave() {
      pointer = null;
    },
  };
}
