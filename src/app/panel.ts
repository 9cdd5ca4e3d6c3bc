import { presetPoints } from '../design/hairline.ts';
import { DENSITY_PRESETS, LIMITS, type HairlinePreset } from '../design/types.ts';
import { editStyleParams } from '../design/hairline-style.ts';
import { button, checkbox, el, section, slider } from './controls.ts';
import { buildHairlineSection } from './hairline-section.ts';
import { buildThinningSection } from './thinning-section.ts';
import { buildZonesSection } from './zones-section.ts';
import { buildTreatmentSections } from './treatment-section.ts';
import { PIGMENT_SHADES } from '../realism/pigment.ts';
import { setDesign, type AppStore, type ToolId } from './state.ts';
import { POLYGON_ERASE_ID } from './tools/polygon-tool.ts';


const PRESETS: { id: HairlinePreset; name: string }[] = [
  { id: 'straight', name: 'Straight' },
  { id: 'rounded', name: 'Rounded' },
  { id: 'mature', name: 'Mature / receded' },
  { id: 'm-shape', name: 'M-shape with temple points' },
  { id: 'widows-peak', name: "Widow's peak" },
];

const TOOLS: { id: ToolId; name: string }[] = [
  { id: 'pan', name: 'Pan' },
  { id: 'hairline', name: 'Edit hairline' },
  { id: 'brush', name: 'Brush' },
  { id: 'eraser', name: 'Eraser' },
  { id: 'polygon', name: 'Polygon' },
];

/** The controls panel. Every control reads the store and writes through it; refresh() follows outside changes. */
export interface ViewActions {
  fit(): void;
  /** One photo pixel to one screen pixel, about the view's centre. */
  actualSize(): void;
  zoom(factor: number): void;
}

export function buildPanel(store: AppStore, extra: { top: HTMLElement[]; bottom: HTMLElement[]; view: ViewActions }): { panel: HTMLElement; refresh: () => void } {
  const refreshers: (() => void)[] = [];
  const keep = <T extends { refresh: () => void }>(c: T): T => (refreshers.push(c.refresh), c);
  const d = () => store.get().design;
  const setDots = (patch: Partial<ReturnType<typeof d>['dots']>) => setDesign(store, (x) => ({ ...x, dots: { ...x.dots, ...patch } }));
  const setHairline = (patch: Partial<ReturnType<typeof d>['hairline']>) => setDesign(store, (x) => ({ ...x, hairline: { ...x.hairline, ...patch } }));

  // Tools
  const toolButtons = TOOLS.map((t) => button(t.name, () => store.update((s) => ({ ...s, tool: t.id })), { 'data-tool': t.id, 'aria-pressed': 'false' }));
  refreshers.push(() => toolButtons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.tool === store.get().tool))));
  const brushSize = keep(slider({ label: 'Brush size', min: 2, max: 80, step: 1, unit: 'mm', get: () => store.get().brush.sizeMm, set: (v) => store.update((s) => ({ ...s, brush: { ...s.brush, sizeMm: v } })) }));
  const feather = keep(slider({ label: 'Brush feather', min: 0, max: 1, step: 0.05, unit: '0–1', get: () => store.get().brush.feather, set: (v) => store.update((s) => ({ ...s, brush: { ...s.brush, feather: v } })) }));
  const resetArea = button('Reset area', () => setDesign(store, (x) => ({ ...x, area: { edits: [] } })));

  // Hairline
  const presetSelect = el('select', { id: 'c-hairline-preset' }, el('option', { value: '' }, 'Choose a shape…'), ...PRESETS.map((p) => el('option', { value: p.id }, p.name)));
  presetSelect.addEventListener('change', () => {
    const id = presetSelect.value as HairlinePreset;
    if (!id) return;
    setDesign(store, (x) => {
      const pts = x.hairline.points;
      const centreY = pts.reduce((m, p) => Math.max(m, p.y), -Infinity);
      const xs = pts.map((p) => p.x);
      const halfWidthMm = (Math.max(...xs) - Math.min(...xs)) / 2 / x.scale.pxPerMm;
      return { ...x, hairline: { ...x.hairline, points: presetPoints(id, x.hairline.midlineX, centreY, halfWidthMm, x.scale.pxPerMm) } };
    });
    presetSelect.value = '';
  });
  const mirror = keep(checkbox('Mirror symmetry', () => d().hairline.mirror, (v) => setHairline({ mirror: v })));
  const band = keep(slider({ label: 'Soft edge', min: LIMITS.bandMm.min, max: LIMITS.bandMm.max, step: 0.5, unit: 'mm', get: () => d().hairline.bandMm, set: (v) => setDesign(store, (x) => editStyleParams(x, { bandMm: v })) }));
  const irregular = keep(slider({ label: 'Irregularity', min: 0, max: 2, step: 0.05, unit: '×', get: () => d().hairline.irregularity, set: (v) => setDesign(store, (x) => editStyleParams(x, { irregularity: v })) }));
  const hs = keep(buildHairlineSection(store));
  const zones = keep(buildZonesSection(store));
  const thinning = keep(buildThinningSection(store));
  const treatment = keep(buildTreatmentSections(store));

  // Dots
  const density = keep(slider({ label: 'Density', min: LIMITS.density.min, max: LIMITS.density.max, step: 1, unit: 'dots/cm²', get: () => d().dots.density, set: (v) => setDots({ density: v }) }));
  const densityPresets = el('select', { id: 'c-density-preset' }, el('option', { value: '' }, 'Density presets…'), ...DENSITY_PRESETS.map((p) => el('option', { value: String(p.density) }, `${p.name} (${p.density}/cm²)`)));
  densityPresets.addEventListener('change', () => {
    if (densityPresets.value) setDots({ density: Number(densityPresets.value) });
    densityPresets.value = '';
  });
  const size = keep(slider({ label: 'Dot size', min: LIMITS.diameterMm.min, max: LIMITS.diameterMm.max, step: 0.005, unit: 'mm', get: () => d().dots.diameterMm, set: (v) => setDots({ diameterMm: v }) }));
  const spread = keep(slider({ label: 'Size spread', min: LIMITS.spreadMm.min, max: LIMITS.spreadMm.max, step: 0.005, unit: 'mm', get: () => d().dots.spreadMm, set: (v) => setDots({ spreadMm: v }) }));
  const opacity = keep(slider({ label: 'Opacity', min: 0, max: 1, step: 0.01, unit: '0–1', get: () => d().dots.opacity, set: (v) => setDots({ opacity: v }) }));
  const swatches = PIGMENT_SHADES.map((p) => {
    const b = button('', () => setDots({ pigment: p.hex }), { class: 'swatch', 'aria-label': `Pigment ${p.name}` });
    b.style.background = p.hex; // through the CSSOM: the Content-Security-Policy refuses style attributes
    return b;
  });
  const colour = el('input', { type: 'color', id: 'c-pigment' });
  colour.addEventListener('input', () => setDots({ pigment: colour.value }));
  refreshers.push(() => {
    colour.value = d().dots.pigment;
    swatches.forEach((b, i) => b.setAttribute('aria-pressed', String(PIGMENT_SHADES[i]!.hex === d().dots.pigment)));
  });
  const eyedropper = button('Pick from photo', () => store.update((s) => ({ ...s, tool: 'eyedropper' })), { 'data-tool': 'eyedropper' });
  const seed = el('input', { type: 'text', id: 'c-seed', size: '10' });
  seed.addEventListener('change', () => seed.value.trim() && setDots({ seed: seed.value.trim() }));
  refreshers.push(() => {
    if (document.activeElement !== seed) seed.value = d().dots.seed;
  });
  const variation = button('New variation', () => setDots({ seed: nextSeed(d().dots.seed) }));

  // Compare
  const split = keep(slider({ label: 'Before / after split', min: 0, max: 100, step: 1, unit: '% before', get: () => Math.round(store.get().split * 100), set: (v) => store.update((s) => ({ ...s, split: v / 100 })) }));
  const before = keep(checkbox('Show before', () => store.get().showBefore, (v) => store.update((s) => ({ ...s, showBefore: v }))));

  const panel = el(
    'aside',
    { class: 'panel', 'aria-label': 'Design controls' },
    ...extra.top,
    section(
      'Tools',
      el('div', { class: 'tools', role: 'toolbar', 'aria-label': 'Tools' }, ...toolButtons),
      brushSize.row,
      feather.row,
      el('label', { class: 'row check' }, el('input', { type: 'checkbox', id: POLYGON_ERASE_ID }), ' Polygon removes area (or hold Shift)'),
      resetArea,
    ),
    section('Hairline', el('div', { class: 'row' }, el('label', { for: 'c-hairline-preset' }, 'Shape '), presetSelect), hs.style, mirror.row, band.row, irregular.row, hs.gaps),
    hs.guides,
    section(
      'Dots',
      density.row,
      densityPresets,
      size.row,
      spread.row,
      el('div', { class: 'row swatches' }, el('label', { for: 'c-pigment' }, 'Pigment '), ...swatches, colour, eyedropper),
      opacity.row,
      el('div', { class: 'row' }, el('label', { for: 'c-seed' }, 'Pattern seed '), seed, variation),
    ),
    ...treatment.sections,
    zones.section,
    thinning.section,
    section(
      'View',
      el(
        'div',
        { class: 'row' },
        button('Fit', extra.view.fit),
        button('1:1', extra.view.actualSize, { 'aria-label': 'Actual size (1:1)' }),
        button('+', () => extra.view.zoom(1.5), { 'aria-label': 'Zoom in' }),
        button('−', () => extra.view.zoom(1 / 1.5), { 'aria-label': 'Zoom out' }),
      ),
      split.row,
      before.row,
    ),
    ...extra.bottom,
  );
  const refresh = (): void => refreshers.forEach((r) => r());
  refresh();
  return { panel, refresh };
}

/** The next seed in a readable sequence: "smp-1" → "smp-2". */
export function nextSeed(seed: string): string {
  const m = /^(.*?)(\d+)$/.exec(seed);
  return m ? `${m[1]}${Number(m[2]) + 1}` : `${seed}-2`;
}
