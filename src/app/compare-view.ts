import { addPane, MAX_PANES, MIN_PANES, openCompare, PANE_LETTERS, paneDesign, paneNeedsOwnDots, paneSizeScale, paneViewFrom, removePane, updatePane, type CompareState, type Pane } from '../compose/compare-panes.ts';
import { fieldGrid, type Shape } from '../design/density-field.ts';
import { STYLE_NAMES } from '../design/hairline-style.ts';
import { LIMITS, type Design, type HairlineStyle } from '../design/types.ts';
import type { PatternResult } from '../pattern/types.ts';
import { buildZoneField } from '../design/zones.ts';
import { lookFor } from '../realism/look.ts';
import { effectiveDesign } from '../realism/risks.ts';
import { CompareScene, type PaneRect } from '../render/compare-scene.ts';
import type { ZoneField } from '../render/dot-layer.ts';
import { panBy, zoomAt, type View } from '../render/view.ts';
import type { App } from './app.ts';
import { button, el, section, slider } from './controls.ts';
import { patternKey, requestFor } from './pipeline.ts';
import type { AppState, AppStore } from './state.ts';

const STYLES: Exclude<HairlineStyle, 'custom'>[] = ['soft', 'broken', 'sharp'];

/** The panel's entry: opens the compare view on the design as it is and the same at another density. */
export function buildCompareSection(store: AppStore): HTMLElement {
  const open = button('Compare side by side…', () => store.update((s) => (s.compare ? s : { ...s, compare: openCompare(s.design, s.view) })), { 'data-testid': 'open-compare' });
  return section('Compare', el('p', { class: 'hint' }, 'The same photo in 2–4 panes, each with its own density, dot size, style or session.'), open);
}

const setCompare = (store: AppStore, fn: (c: CompareState, s: AppState) => CompareState): void =>
  store.update((s) => (s.compare ? { ...s, compare: fn(s.compare, s) } : s));

/** A pane's own dots (another hairline style): the engine's result for the pane design, by its key. */
interface OwnDots {
  key: string;
  dots: Promise<PaneDots>;
  result?: PaneDots;
}

/** Dots for a pane, with the shape they were made from (null: the main pattern, whose zone field the pane takes). */
interface PaneDots {
  dots: PatternResult;
  shape: Shape | null;
}

/**
 * The compare view, shown over the main view while `state.compare` is set: one canvas (CompareScene) under a grid
 * of panes, each with its controls and a picture area that pans and zooms the one shared view.
 */
export function mountCompareView(host: HTMLElement, app: App): void {
  const store = app.store;
  let open: ReturnType<typeof build> | null = null;
  store.subscribe((s, prev) => {
    if (s.compare && !open) open = build(host, app);
    else if (!s.compare && open) {
      open.close();
      open = null;
    } else if (open && s !== prev) open.update(s, prev);
  });
}

function build(host: HTMLElement, app: App) {
  const store = app.store;
  const root = el('div', { class: 'compare', role: 'region', 'aria-label': 'Compare designs', 'data-testid': 'compare', 'data-ready': 'false', 'data-frame': '0' });
  const addButton = button('Add pane', () => setCompare(store, (c) => addPane(c)), { 'data-testid': 'compare-add' });
  const closeButton = button('Close', () => store.update((s) => ({ ...s, compare: undefined })), { 'data-testid': 'compare-close' });
  const bar = el('div', { class: 'compare-bar' }, el('strong', {}, 'Compare'), el('span', { class: 'hint' }, 'Drag or scroll in any pane: all move together.'), addButton, closeButton);
  const canvasHost = el('div', { class: 'compare-canvas' });
  const grid = el('div', { class: 'compare-grid' }, canvasHost);
  root.append(bar, grid);
  // The main view's own pointer input sits on `host`: nothing done in the compare view reaches it.
  for (const type of ['pointerdown', 'pointermove', 'pointerup', 'pointercancel', 'wheel', 'dblclick', 'contextmenu'] as const) root.addEventListener(type, (e) => e.stopPropagation());
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') store.update((s) => ({ ...s, compare: undefined }));
  });
  host.append(root);

  let scene: CompareScene | null = null;
  let closed = false;
  let paneEls: { pane: Pane; box: HTMLElement; picture: HTMLElement; refresh: (p: Pane, d: Design) => void }[] = [];
  let photoShown: unknown = null;
  let frames = 0;
  let placedView = false;
  /** What each pane's dot layer holds now. */
  const uploaded: (PatternResult | null)[] = [];
  /** The shape of the dots each pane's layer holds (null: the main pattern's). */
  const shapes: (Shape | null)[] = [];
  /** The zone field each pane's layer holds, and what a pane of its own style made it from. */
  const zonesShown: (ZoneField | null | undefined)[] = [];
  const paneFields: ({ d: Design; p: Pane; shape: Shape | null; field: ZoneField } | undefined)[] = [];
  /** The design and pane each pane's look was last made from: a pan or zoom alone hands nothing new. */
  const handed: ({ d: Design; p: Pane } | undefined)[] = [];
  const own = new Map<number, OwnDots>();

  const rectsOf = (): PaneRect[] => {
    const base = canvasHost.getBoundingClientRect();
    return paneEls.map(({ picture }) => {
      const r = picture.getBoundingClientRect();
      const x = Math.round(r.left - base.left), y = Math.round(r.top - base.top);
      return { x, y, width: Math.round(r.right - base.left) - x, height: Math.round(r.bottom - base.top) - y };
    });
  };

  const rebuildPanes = (c: CompareState): void => {
    for (const p of paneEls) p.box.remove();
    paneEls = c.panes.map((p, i) => paneElement(p, i, c.panes.length));
    grid.append(...paneEls.map((p) => p.box));
    grid.dataset.panes = String(c.panes.length);
    addButton.disabled = c.panes.length >= MAX_PANES;
    uploaded.length = 0;
    shapes.length = 0;
    zonesShown.length = 0;
    paneFields.length = 0;
    handed.length = 0;
    for (const id of [...own.keys()]) if (!c.panes.some((p) => p.id === id)) own.delete(id);
  };

  const paneElement = (p: Pane, index: number, count: number) => {
    const id = `cmp-${p.id}`;
    const set = (patch: Partial<Omit<Pane, 'id'>>): void => setCompare(store, (c, s) => updatePane(c, s.design, p.id, patch));
    /** The pane as the store has it now (the element is rebuilt when panes come or go, not when they change). */
    const now = (): Pane => store.get().compare?.panes.find((q) => q.id === p.id) ?? p;
    const range = (label: string, min: number, max: number, step: number, unit: string, key: 'density' | 'diameterMm') =>
      slider({ label, min, max, step, unit, id: `${id}-${key}`, ariaLabel: `${label} of pane ${PANE_LETTERS[index]} (${unit})`, get: () => now()[key], set: (v) => set({ [key]: v }) });
    const density = range('Density', LIMITS.density.min, LIMITS.density.max, 1, 'dots/cm²', 'density');
    const size = range('Dot size', LIMITS.diameterMm.min, LIMITS.diameterMm.max, 0.005, 'mm', 'diameterMm');
    const session = el('select', { id: `${id}-session`, 'aria-label': `Session shown in pane ${PANE_LETTERS[index]}` });
    session.addEventListener('change', () => set({ session: Number(session.value) }));
    const style = el('select', { id: `${id}-style`, 'aria-label': `Hairline style of pane ${PANE_LETTERS[index]}` });
    style.addEventListener('change', () => set({ style: style.value as HairlineStyle }));
    const use = button('Use this one', () => store.update((s) => ({ ...s, design: paneDesign(s.design, s.compare?.panes.find((q) => q.id === p.id) ?? p), compare: undefined })), { 'data-testid': `compare-use-${index}` });
    const remove = button('Remove', () => setCompare(store, (c) => removePane(c, p.id)), { 'aria-label': `Remove pane ${PANE_LETTERS[index]}` });
    remove.disabled = count <= MIN_PANES;
    const caption = el('div', { class: 'pane-caption', 'data-testid': `compare-caption-${index}` });
    const picture = el('div', { class: 'pane-picture', 'data-testid': `compare-pane-${index}` }, caption);
    const controls = el(
      'div',
      { class: 'pane-bar' },
      el('div', { class: 'row' }, el('strong', { class: 'pane-name' }, PANE_LETTERS[index]!), el('label', { for: session.id }, 'Session'), session, el('label', { for: style.id }, 'Style'), style, use, remove),
      density.row,
      size.row,
    );
    const box = el('div', { class: 'pane', 'data-pane': String(p.id) }, controls, picture);
    attachPaneInput(picture, store);
    const refresh = (q: Pane, design: Design): void => {
      density.refresh();
      size.refresh();
      const n = design.treatment.shares.length;
      if (session.options.length !== n) session.replaceChildren(...design.treatment.shares.map((sh, k) => el('option', { value: String(k + 1) }, `${k + 1} of ${n} (${Math.round(sh * 100)}%)`)));
      session.value = String(q.session);
      const styles: HairlineStyle[] = q.style === 'custom' || design.style === 'custom' ? ['custom', ...STYLES] : STYLES;
      if (style.options.length !== styles.length) style.replaceChildren(...styles.map((v) => el('option', { value: v }, v === 'custom' ? 'As designed' : STYLE_NAMES[v])));
      style.value = q.style;
      caption.textContent = `${PANE_LETTERS[index]} · ${q.density} dots/cm² · ${q.diameterMm} mm · session ${q.session} of ${n} · ${STYLE_NAMES[q.style]}`;
    };
    return { pane: p, box, picture, refresh };
  };

  /** The dots a pane draws: the main pattern, or its own for another hairline style (made once, then kept). */
  const dotsFor = (d: Design, p: Pane): PaneDots | null => {
    if (!paneNeedsOwnDots(d, p)) return app.scene.shownDots && { dots: app.scene.shownDots, shape: null };
    // Made at the main design's dot size: dot size is the pane's sizeScale either way.
    const pd = paneDesign(d, p);
    const gen: Design = { ...pd, dots: { ...pd.dots, diameterMm: d.dots.diameterMm } };
    const key = patternKey(gen);
    const mine = own.get(p.id);
    if (mine?.key === key) return mine.result ?? null;
    const job: OwnDots = {
      key,
      dots: app.fields.shape(effectiveDesign(gen)).then(async (shape) => ({ dots: await app.pool.generate(requestFor(gen, shape), { key: `compare-${p.id}` }), shape })),
    };
    own.set(p.id, job);
    job.dots.then(
      (r) => {
        job.result = r;
        if (own.get(p.id) === job) sync();
      },
      () => undefined, // superseded by a newer job for this pane, or failed: the pane keeps what it shows
    );
    return null;
  };

  /**
   * Zones' density, size, shade and fade for pane i. On the main dots it is the main layer's field (the pane differs
   * in density, size and session only, none of which the field holds); with its own hairline, one made with the
   * band of the dots the pane shows, again only when the design, the pane or those dots changed.
   */
  const zonesFor = (i: number, d: Design, p: Pane): ZoneField | null => {
    const shape = shapes[i] ?? null;
    if (!shape) return app.scene.dots.zoneField;
    const last = paneFields[i];
    if (last?.d === d && last.p === p && last.shape === shape) return last.field;
    const e = effectiveDesign(paneDesign(d, p));
    const grid = fieldGrid(e);
    const field = { ...grid, values: buildZoneField(e, grid, shape) };
    paneFields[i] = { d, p, shape, field };
    return field;
  };

  /** Hands each pane its dots and look, then reports the picture as ready once drawn. */
  const sync = (): void => {
    if (!scene || closed) return;
    const s = store.get();
    if (!s.compare) return;
    const d = s.design;
    let complete = true;
    s.compare.panes.forEach((p, i) => {
      const mine = dotsFor(d, p);
      if (!mine) complete = false;
      else if (uploaded[i] !== mine.dots) {
        scene!.setDots(i, mine.dots);
        uploaded[i] = mine.dots;
        shapes[i] = mine.shape;
      }
      // Thinning-hair mode: the panes keep dots off the same hair as the main view.
      const mask = app.scene.dots.hairMask;
      if (scene!.dotLayer(i)?.hairMask !== mask) scene!.dotLayer(i)?.setHairMask(mask);
      // Before the check below: the main field changes when the main dots come, a pane's band when its own do.
      const zones = zonesFor(i, d, p);
      if (zonesShown[i] === undefined || zonesShown[i]?.values !== zones?.values) {
        scene!.dotLayer(i)?.setZoneField(zones);
        zonesShown[i] = zones;
      }
      if (handed[i]?.d === d && handed[i]?.p === p) return;
      handed[i] = { d, p };
      const pd = paneDesign(d, p);
      scene!.setLook(i, { ...lookFor(pd), sizeScale: paneSizeScale(d, p) });
    });
    root.dataset.ready = 'false';
    const main = app.scene.shownDots;
    // A pane's own dots call sync() when they come; the main pattern is awaited here.
    if (!complete && main) return;
    void app.whenReady().then(() => {
      if (!scene || closed || store.get() !== s) return;
      if (app.scene.shownDots !== main) return sync();
      if (!complete) return;
      void scene.requestRender().then(() => {
        if (store.get() !== s || closed) return;
        root.dataset.frame = String(++frames);
        root.dataset.ready = 'true';
      });
    });
  };

  const layout = (): void => {
    if (!scene) return;
    const rects = rectsOf();
    scene.setPanes(rects);
    // Opened on the main view's scale, with the photo point at its centre in each pane's centre.
    if (!placedView && rects[0] && rects[0].width > 0) {
      placedView = true;
      const r = rects[0];
      // After the state change under way has reached every listener (this runs inside one).
      queueMicrotask(() => setCompare(store, (c, s) => ({ ...c, view: paneViewFrom(s.view, { width: host.clientWidth, height: host.clientHeight }, r) })));
    }
  };

  const update = (s: AppState, prev: AppState | null): void => {
    const c = s.compare!;
    if (!prev?.compare || c.panes.map((p) => p.id).join() !== prev.compare.panes.map((p) => p.id).join()) {
      rebuildPanes(c);
      layout();
    }
    c.panes.forEach((p, i) => paneEls[i]?.refresh(p, s.design));
    const photo = app.photo();
    if (scene && photo && photo !== photoShown) {
      photoShown = photo;
      scene.setPhoto(photo.display, s.design.photo, photo.displayScale);
    }
    scene?.setView(c.view);
    sync();
  };

  const resize = new ResizeObserver(() => {
    layout();
    sync();
  });
  resize.observe(grid);
  update(store.get(), null);
  void CompareScene.create(canvasHost).then((made) => {
    if (closed) {
      made.destroy();
      return;
    }
    scene = made;
    update(store.get(), null);
  });

  return {
    update: (s: AppState, prev: AppState) => update(s, prev),
    close(): void {
      closed = true;
      resize.disconnect();
      scene?.destroy();
      scene = null;
      root.remove();
    },
  };
}

/** Drag pans and the wheel zooms the one view all panes share, about the pointer's point in this pane. */
function attachPaneInput(picture: HTMLElement, store: AppStore): void {
  let last: { x: number; y: number } | null = null;
  const local = (e: PointerEvent | WheelEvent): { x: number; y: number } => {
    const r = picture.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const setView = (fn: (v: View) => View): void => setCompare(store, (c) => ({ ...c, view: fn(c.view) }));
  picture.addEventListener('pointerdown', (e) => {
    if (e.button !== 0 && e.button !== 1) return;
    last = local(e);
    picture.setPointerCapture(e.pointerId);
    e.preventDefault();
  });
  picture.addEventListener('pointermove', (e) => {
    if (!last) return;
    const l = local(e);
    const from = last;
    last = l;
    setView((v) => panBy(v, l.x - from.x, l.y - from.y));
  });
  const end = (e: PointerEvent): void => {
    last = null;
    if (picture.hasPointerCapture(e.pointerId)) picture.releasePointerCapture(e.pointerId);
  };
  picture.addEventListener('pointerup', end);
  picture.addEventListener('pointercancel', end);
  picture.addEventListener('wheel', (e) => {
    e.preventDefault();
    const l = local(e);
    const factor = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015));
    setView((v) => zoomAt(v, factor, l.x, l.y));
  }, { passive: false });
}
