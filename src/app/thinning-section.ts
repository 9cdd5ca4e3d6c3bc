import type { Thinning } from '../design/types.ts';
import { button, checkbox, el, section, slider } from './controls.ts';
import { setDesign, type AppStore, type ToolId } from './state.ts';

const BRUSHES: { id: ToolId; name: string; hint: string }[] = [
  { id: 'mask-hair', name: 'Mark hair', hint: 'Paint over hair the mask missed: no dots there' },
  { id: 'mask-scalp', name: 'Mark scalp', hint: 'Paint over scalp taken for hair: dots allowed there' },
];

/**
 * Thinning-hair mode: dots only on the visible scalp between the client's hair. The mask of what is hair comes from
 * the photo (darker than the skin, or another colour, by more than the threshold); the technician checks it with
 * "Show mask" and corrects it with two brushes (their size is the Tools brush size).
 */
export function buildThinningSection(store: AppStore): { section: HTMLElement; refresh: () => void } {
  const t = (): Thinning => store.get().design.thinning;
  const setThinning = (patch: Partial<Thinning>): void => setDesign(store, (d) => ({ ...d, thinning: { ...d.thinning, ...patch } }));
  const enabled = checkbox('Dots only between existing hair', () => t().enabled, (v) => setThinning({ enabled: v }));
  const threshold = slider({ label: 'Hair threshold', min: 0.02, max: 0.8, step: 0.01, unit: '0–1, lower finds fainter hair', get: () => t().threshold, set: (v) => setThinning({ threshold: v }) });
  const show = checkbox('Show mask', () => store.get().showMask === true, (v) => store.update((s) => ({ ...s, showMask: v })));
  const brushes = BRUSHES.map((b) => button(b.name, () => store.update((s) => ({ ...s, tool: s.tool === b.id ? 'pan' : b.id })), { 'data-tool': b.id, 'aria-pressed': 'false', title: b.hint }));
  const reset = button('Reset corrections', () => setThinning({ edits: [] }), { 'data-testid': 'reset-mask' });
  const skin = el('p', { class: 'hint', 'data-testid': 'thinning-skin' });
  const controls = el('div', { class: 'thinning-controls' }, threshold.row, show.row, el('div', { class: 'row' }, ...brushes), reset, skin);
  const sec = section(
    'Thinning hair',
    el('p', { class: 'hint' }, 'For clients who still have hair: dots go on the visible scalp between hairs, never on a hair.'),
    enabled.row,
    controls,
  );
  const refresh = (): void => {
    enabled.refresh();
    threshold.refresh();
    show.refresh();
    const on = t().enabled;
    controls.hidden = !on;
    const tool = store.get().tool;
    brushes.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.tool === tool)));
    reset.disabled = t().edits.length === 0;
    const colour = store.get().design.skin.skinColour;
    skin.textContent = colour ? `Skin colour: ${colour}, as sampled from the photo.` : 'Skin colour: estimated from the photo around each point.';
  };
  refresh();
  return { section: sec, refresh };
}
