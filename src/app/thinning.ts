// Thinning-hair mode: the hair mask of the photo on screen (computed in a worker), the technician's corrections
// painted over it, handed to the dot layer (no dot centred on hair) and, on request, tinted over the photo.
import { hexToRgb255 } from '../realism/pigment.ts';
import type { Design, MaskEdit } from '../design/types.ts';
import { applyMaskEdits, maskEditBox, strokesAdded, type HairMaskOptions, type MaskBox } from '../photo/hair-mask.ts';
import type { Photo } from '../photo/load-photo.ts';
import { fitSize, readPixels, type RgbaPixels } from '../photo/photo-pixels.ts';
import { createMaskClient } from '../pool/mask-client.ts';
import type { App } from './app.ts';
import { createMaskOverlay } from './mask-overlay.ts';
import type { AppState } from './state.ts';

/** The mask's longer side, px: hair strands stay a pixel or more at the photo sizes phones take. */
const MASK_MAX_SIDE = 2048;
/** Skin brightness and colour are estimated over squares of this side. */
const BACKGROUND_MM = 3;
/**
 * A dot's inked radius as a share of its nominal one: its outline wanders and its edge is soft (see
 * shaders/dot-ink.glsl), so the hair is grown by this much of the largest dot's radius, plus a pixel for antialiasing.
 */
const FOOTPRINT = 1.3;

const isMaskTool = (tool: AppState['tool']): boolean => tool === 'mask-hair' || tool === 'mask-scalp';

/** The mask computation's options for a design, with `maskPerPhotoPx` mask px per photo px. */
function maskOptions(d: Design, maskPerPhotoPx: number): HairMaskOptions {
  const pxPerMm = d.scale.pxPerMm * maskPerPhotoPx;
  const largestDotPx = (d.dots.diameterMm + 2 * d.dots.spreadMm) * d.scale.pxPerMm;
  return {
    threshold: d.thinning.threshold,
    skinColour: d.skin.skinColour ? hexToRgb255(d.skin.skinColour) : null,
    dilatePx: ((FOOTPRINT * largestDotPx) / 2 + 1) * maskPerPhotoPx,
    backgroundPx: Math.min(128, Math.max(12, Math.round(BACKGROUND_MM * pxPerMm))),
  };
}

/**
 * Keeps the dot layer's hair mask in step with the design and the photo. `hold` marks the picture as not ready
 * until the mask for the current design is on screen (it returns the release). Returns a stop function.
 */
export function startThinning(app: App, hold: () => () => void): () => void {
  const { store, scene } = app;
  const client = createMaskClient();
  const overlay = createMaskOverlay(scene.app.canvas.parentElement!);
  const photoIds = new WeakMap<Photo, number>();
  let nextPhotoId = 1;
  /** The photo's pixels at mask size, kept so a threshold change reads nothing again (a copy goes to the worker). */
  let pixels: { photo: Photo; px: RgbaPixels } | undefined;
  /** The last computed mask before corrections, and what it was computed for; a key whose computation failed. */
  let base: { key: string; width: number; height: number; data: Uint8Array } | undefined;
  let failed = '';
  let computing = false;
  /** What the dot layer shows ('off', or the base key with the corrections), and that mask. */
  let shown = 'off';
  let current: { width: number; height: number; data: Uint8Array } | undefined;
  /** What `current` was painted from, so that a stroke growing paints only its new segment into it. */
  let painted: { base: object; scale: string; edits: readonly MaskEdit[] } | undefined;
  let overlayShown = '';
  let release: (() => void) | undefined;
  let frame = 0;
  let lastPhoto: Photo | null = null;

  const pixelsOf = (p: Photo): RgbaPixels => {
    if (pixels?.photo !== p) pixels = { photo: p, px: readPixels(p.display, MASK_MAX_SIDE) };
    return pixels.px;
  };
  /** What the picture should show: 'off', or the mask's key with the corrections. */
  const target = (s: AppState): { base: string; full: string; photo: Photo; size: { width: number; height: number } } | null => {
    const photo = app.photo();
    if (!s.design.thinning.enabled || !photo) return null;
    let id = photoIds.get(photo);
    if (id === undefined) photoIds.set(photo, (id = nextPhotoId++));
    const size = fitSize(photo.display.width, photo.display.height, MASK_MAX_SIDE);
    const b = JSON.stringify([id, s.design.photo.width, maskOptions(s.design, size.width / s.design.photo.width)]);
    return { base: b, full: `${b}|${JSON.stringify([s.design.scale.pxPerMm, s.design.thinning.edits])}`, photo, size };
  };
  const settle = (): void => {
    release?.();
    release = undefined;
  };

  /** Where the mask changed since it was last painted in place (the overlay redraws only that, if it drew the rest). */
  let overlayDirty: MaskBox | undefined;
  const showOverlay = (s: AppState): void => {
    const visible = shown !== 'off' && !!current && (s.showMask === true || isMaskTool(s.tool));
    const key = visible ? shown : '';
    const dirty = overlayDirty;
    overlayDirty = undefined;
    if (key === overlayShown) return;
    overlay.show(visible ? current! : null, s.design.photo.width, dirty);
    overlayShown = key;
  };

  const compute = (s: AppState, want: NonNullable<ReturnType<typeof target>>): void => {
    computing = true;
    const { photo, base: key, size } = want;
    const read = (): RgbaPixels => {
      const px = pixelsOf(photo);
      return { rgba: px.rgba.slice(), width: px.width, height: px.height };
    };
    client
      .mask(read, maskOptions(s.design, size.width / s.design.photo.width))
      .then(
        (data) => (base = { key, ...size, data }),
        (e: unknown) => {
          failed = key;
          const text = `The hair mask could not be computed: ${e instanceof Error ? e.message : String(e)}`;
          store.update((st) => ({ ...st, notice: { kind: 'error', text } }));
        },
      )
      .finally(() => {
        computing = false;
        schedule();
      });
  };

  const sync = (): void => {
    frame = 0;
    const s = store.get();
    const want = target(s);
    if (!want) {
      pixels = undefined; // the mode is off: its copy of the photo's pixels is not kept
      if (shown !== 'off') {
        scene.dots.setHairMask(null);
        shown = 'off';
        current = undefined;
      }
    } else if (base?.key !== want.base) {
      // One computation at a time: the latest design is taken up when the one in flight is done.
      if (!computing && failed !== want.base) compute(s, want);
      if (failed !== want.base) return;
    } else if (shown !== want.full) {
      const perPhotoPx = base.width / s.design.photo.width;
      const { pxPerMm } = s.design.scale;
      const edits = s.design.thinning.edits;
      const scale = `${perPhotoPx}|${pxPerMm}`;
      const more = current && painted?.base === base && painted.scale === scale ? strokesAdded(painted.edits, edits) : null;
      let dirty: MaskBox | undefined;
      if (current && more) {
        applyMaskEdits(current.data, base.width, base.height, more, perPhotoPx, pxPerMm);
        dirty = maskEditBox(more, base.width, base.height, perPhotoPx, pxPerMm);
      }
      const data = current && more ? current.data : applyMaskEdits(base.data.slice(), base.width, base.height, edits, perPhotoPx, pxPerMm);
      // A new object even when painted in place: the compare panes take the mask up by its identity.
      current = { width: base.width, height: base.height, data };
      painted = { base, scale, edits };
      scene.dots.setHairMask(current, dirty);
      shown = want.full;
      overlayDirty = dirty;
    }
    showOverlay(s);
    void scene.requestRender().then(() => {
      if (!frame && !computing) settle();
    });
  };
  const schedule = (): void => {
    if (!frame) frame = requestAnimationFrame(sync);
  };

  const onChange = (s: AppState, prev?: AppState): void => {
    if (!prev || s.view !== prev.view) overlay.setView(s.view);
    const photo = app.photo();
    if (prev && s.design === prev.design && s.tool === prev.tool && s.showMask === prev.showMask && photo === lastPhoto) return;
    lastPhoto = photo;
    // Not ready from this moment until the mask for this design is drawn.
    const want = target(s)?.full ?? 'off';
    if (want !== shown && !release) release = hold();
    schedule();
  };
  onChange(store.get());
  return store.subscribe(onChange);
}
