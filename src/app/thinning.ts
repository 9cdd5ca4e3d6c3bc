// Thinning-hair mode: the hair mask of the photo on screen (computed in a worker), the technician's corrections
// painted over it, handed to the dot layer (no dot centred on hair) and, on request, tinted over the photo.
import { hexToRgb255 } from '../realism/pigment.ts';
import type { Design, MaskEdit } from '../design/types.ts';
import { applyMaskEdits, strokesAdded, type HairMaskOptions, type MaskBox } from '../photo/hair-mask.ts';
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

/** What a mask was painted from: the base mask's key, the photo's scale and the corrections. */
interface Painted {
  base: string;
  pxPerMm: number;
  edits: readonly MaskEdit[];
}

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
  /**
   * The mask the dot layer shows (undefined: the mode is off), and what it was painted from: a base mask and the
   * corrections, by reference (designs are immutable), so a growing stroke paints only its new segment into it.
   */
  let current: { width: number; height: number; data: Uint8Array } | undefined;
  let painted: Painted | undefined;
  let overlayShown: object | null = null;
  let release: (() => void) | undefined;
  let frame = 0;
  let lastPhoto: Photo | null = null;

  const pixelsOf = (p: Photo): RgbaPixels => {
    if (pixels?.photo !== p) pixels = { photo: p, px: readPixels(p.display, MASK_MAX_SIDE) };
    return pixels.px;
  };
  /** What the picture should show: null (off), or the base mask's key with the scale and the corrections. */
  const target = (s: AppState): (Painted & { photo: Photo; size: { width: number; height: number } }) | null => {
    const photo = app.photo();
    if (!s.design.thinning.enabled || !photo) return null;
    let id = photoIds.get(photo);
    if (id === undefined) photoIds.set(photo, (id = nextPhotoId++));
    const size = fitSize(photo.display.width, photo.display.height, MASK_MAX_SIDE);
    const base = JSON.stringify([id, s.design.photo.width, maskOptions(s.design, size.width / s.design.photo.width)]);
    return { base, pxPerMm: s.design.scale.pxPerMm, edits: s.design.thinning.edits, photo, size };
  };
  const showing = (want: Painted | null): boolean =>
    want ? painted?.base === want.base && painted.pxPerMm === want.pxPerMm && painted.edits === want.edits : !current;
  const settle = (): void => {
    release?.();
    release = undefined;
  };

  /** Where the mask changed since it was last painted in place (the overlay redraws only that, if it drew the rest). */
  let overlayDirty: MaskBox | undefined;
  const showOverlay = (s: AppState): void => {
    const shown = current && (s.showMask === true || isMaskTool(s.tool)) ? current : null;
    const dirty = overlayDirty;
    overlayDirty = undefined;
    if (shown === overlayShown) return;
    overlay.show(shown, s.design.photo.width, dirty);
    overlayShown = shown;
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
      if (current) {
        scene.dots.setHairMask(null);
        current = painted = undefined;
      }
    } else if (base?.key !== want.base) {
      // One computation at a time: the latest design is taken up when the one in flight is done.
      if (!computing && failed !== want.base) compute(s, want);
      if (failed !== want.base) return;
    } else if (!showing(want)) {
      const perPhotoPx = base.width / s.design.photo.width;
      const { edits, pxPerMm } = want;
      const more = current && painted?.base === want.base && painted.pxPerMm === pxPerMm ? strokesAdded(painted.edits, edits) : null;
      let data: Uint8Array;
      if (current && more) {
        data = current.data;
        overlayDirty = applyMaskEdits(data, base.width, base.height, more, perPhotoPx, pxPerMm);
      } else {
        data = base.data.slice();
        applyMaskEdits(data, base.width, base.height, edits, perPhotoPx, pxPerMm);
      }
      // A new object even when painted in place: the compare panes and the overlay take the mask up by its identity.
      current = { width: base.width, height: base.height, data };
      painted = { base: want.base, pxPerMm, edits };
      scene.dots.setHairMask(current);
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
    if (!showing(target(s)) && !release) release = hold();
    schedule();
  };
  onChange(store.get());
  return store.subscribe(onChange);
}
