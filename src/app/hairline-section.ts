import { guideNote, guideReport, LANDMARKS } from '../design/guides.ts';
import { applyStyle, editStyleParams, STYLE_NAMES } from '../design/hairline-style.ts';
import { DEFAULT_GUIDES, LIMITS, type HairlineStyle } from '../design/types.ts';
import { button, el, section, slider } from './controls.ts';
import { setDesign, type AppStore } from './state.ts';
import { armLandmark, LANDMARK_NAMES, nextLandmark } from './tools/guides-tool.ts';

const STYLES: HairlineStyle[] = ['soft', 'broken', 'sharp', 'custom'];

/**
 * The hairline's style controls (a style select and the gaps slider, for the Hairline section) and the Guides
 * section: place and clear the front-view landmarks, the guide's heights, the hairline's measured height and a
 * gentle warning when it sits below the guide or outside the temple lines.
 */
export function buildHairlineSection(store: AppStore): { style: HTMLElement; gaps: HTMLElement; guides: HTMLElement; refresh: () => void } {
  const d = () => store.get().design;
  const refreshers: (() => void)[] = [];

  const select = el('select', { id: 'c-hairline-style' }, ...STYLES.map((s) => el('option', { value: s }, STYLE_NAMES[s])));
  select.addEventListener('change', () => setDesign(store, (x) => applyStyle(x, select.value as HairlineStyle)));
  refreshers.push(() => (select.value = d().style));
  const style = el('div', { class: 'row' }, el('label', { for: 'c-hairline-style' }, 'Style '), select);
  const gaps = slider({ label: 'Gaps', min: 0, max: 1, step: 0.05, unit: '0–1', get: () => d().hairline.gaps, set: (v) => setDesign(store, (x) => editStyleParams(x, { gaps: v })) });
  refreshers.push(gaps.refresh);

  // Guides
  const toolButton = button('Place landmarks', () => place(null), { 'data-tool': 'guides', 'aria-pressed': 'false' });
  const landmarkButtons = LANDMARKS.map((k) => button(LANDMARK_NAMES[k], () => place(k), { 'data-landmark': k, 'aria-pressed': 'false' }));
  const clear = button('Clear guides', () => {
    armLandmark(null);
    setDesign(store, (x) => ({ ...x, guides: { ...x.guides, glabella: null, browCrease: null, leftEye: null, rightEye: null } }));
  });
  const heightMm = slider({ label: 'Guide height above glabella', min: LIMITS.guideHeightMm.min, max: LIMITS.guideHeightMm.max, step: 1, unit: 'mm', get: () => d().guides.heightMm, set: (v) => setGuides({ heightMm: v }) });
  const browMm = slider({ label: 'Guide height above brow crease', min: LIMITS.browMm.min, max: LIMITS.browMm.max, step: 0.5, unit: 'mm', get: () => d().guides.browMm, set: (v) => setGuides({ browMm: v }) });
  refreshers.push(heightMm.refresh, browMm.refresh);
  const hint = el('p', { class: 'hint', 'data-testid': 'guide-hint' });
  const reading = el('p', { class: 'hint', 'data-testid': 'guide-reading' });
  const warning = el('p', { class: 'guide-warning', role: 'status', 'data-testid': 'guide-warning' });

  const setGuides = (patch: Partial<typeof DEFAULT_GUIDES>): void => setDesign(store, (x) => ({ ...x, guides: { ...x.guides, ...patch } }));
  function place(k: (typeof LANDMARKS)[number] | null): void {
    armLandmark(k);
    store.update((s) => ({ ...s, tool: 'guides' }));
    refresh();
  }

  refreshers.push(() => {
    const s = store.get();
    const active = s.tool === 'guides';
    const next = nextLandmark(s.design.guides);
    toolButton.setAttribute('aria-pressed', String(active));
    landmarkButtons.forEach((b) => {
      const k = b.dataset.landmark as (typeof LANDMARKS)[number];
      b.setAttribute('aria-pressed', String(active && next === k));
      b.classList.toggle('placed', s.design.guides[k] !== null);
    });
    hint.textContent = !active ? 'Front view, upright: mark the face to check the hairline.' : next ? `Click the photo to place: ${LANDMARK_NAMES[next].toLowerCase()}. Drag a mark to move it.` : 'All marks placed: drag one to move it.';
    const r = guideReport(s.design);
    reading.textContent = r.centreAboveGlabellaMm === null ? '' : `Hairline centre: ${(r.centreAboveGlabellaMm / 10).toFixed(1)} cm above the glabella${r.calibrated ? '' : ' (assumed scale)'}.`;
    const note = guideNote(s.design, r);
    warning.textContent = note;
    warning.hidden = note === '';
  });

  const guides = section(
    'Guides',
    el('div', { class: 'row' }, toolButton, clear),
    el('div', { class: 'row landmarks' }, ...landmarkButtons),
    hint,
    heightMm.row,
    browMm.row,
    reading,
    warning,
  );
  const refresh = (): void => refreshers.forEach((f) => f());
  refresh();
  return { style, gaps: gaps.row, guides, refresh };
}
