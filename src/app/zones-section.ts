import { LIMITS, type Zone, type ZoneRole } from '../design/types.ts';
import { ROLE_NAMES } from '../design/zone-presets.ts';
import { button, el, section, slider, type SliderOptions } from './controls.ts';
import { setDesign, type AppStore, type ToolId } from './state.ts';
import { DEFAULT_DOT_SCAR_MM, DEFAULT_SCAR_WIDTH_MM, DOT_SCAR_SIZE_ID, SCAR_WIDTH_ID, ZONE_ROLE_ID } from './tools/zone-overlay.ts';

const ROLES: ZoneRole[] = ['front', 'mid', 'crown', 'side', 'scar', 'patch'];
/** The scalp zones get a button each; it picks the role and the outline tool. */
const SCALP: ZoneRole[] = ['front', 'mid', 'crown', 'side'];

/**
 * The zones panel: buttons that pick a drawing tool for each kind (scalp zones by outline, FUT strip scars, FUE
 * dot scars, alopecia patches), then one card per zone with its name, role, density (in dots/cm²: the body's
 * density times the zone's multiplier), dot size, shade, feather, a crown's whorl, and delete.
 */
export function buildZonesSection(store: AppStore): { section: HTMLElement; refresh: () => void } {
  const setTool = (tool: ToolId): void => store.update((s) => ({ ...s, tool }));
  const roleSelect = el('select', { id: ZONE_ROLE_ID }, ...ROLES.map((r) => el('option', { value: r }, ROLE_NAMES[r])));
  roleSelect.value = 'mid';
  const drawZone = button('Draw zone', () => setTool('zone'), { 'data-tool': 'zone', 'aria-pressed': 'false' });
  const scalpButtons = SCALP.map((r) =>
    button(ROLE_NAMES[r], () => {
      roleSelect.value = r;
      setTool('zone');
    }, { 'aria-label': `Draw a ${ROLE_NAMES[r].toLowerCase()} zone` }),
  );
  const width = el('input', { type: 'number', id: SCAR_WIDTH_ID, min: '0.5', max: '50', step: '0.5', value: String(DEFAULT_SCAR_WIDTH_MM), class: 'num' });
  const dotSize = el('input', { type: 'number', id: DOT_SCAR_SIZE_ID, min: '0.2', max: '10', step: '0.1', value: String(DEFAULT_DOT_SCAR_MM), class: 'num' });
  const toolButtons = [
    drawZone,
    button('FUT strip scar', () => setTool('strip-scar'), { 'data-tool': 'strip-scar', 'aria-pressed': 'false' }),
    button('FUE dot scars', () => setTool('dot-scar'), { 'data-tool': 'dot-scar', 'aria-pressed': 'false' }),
    button('Alopecia patch', () => setTool('patch'), { 'data-tool': 'patch', 'aria-pressed': 'false' }),
  ];
  const list = el('div', { class: 'zone-list', 'aria-label': 'Zones' });
  const empty = el('p', { class: 'hint' }, 'No zones yet: the whole area is worked alike.');

  let structure = '';
  let cards: { el: HTMLElement; refresh: () => void }[] = [];
  const refresh = (): void => {
    const tool = store.get().tool;
    toolButtons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.tool === tool)));
    const zones = store.get().design.zones;
    // Rebuilt only when zones come or go or change role; otherwise refreshed in place (a dragged slider keeps focus).
    const key = zones.map((z) => `${z.id}:${z.role}`).join('|');
    if (key !== structure) {
      structure = key;
      cards = zones.map((z) => zoneCard(store, z.id));
      list.replaceChildren(...(zones.length ? cards.map((c) => c.el) : [empty]));
    }
    cards.forEach((c) => c.refresh());
  };
  refresh();

  const s = section(
    'Zones and scars',
    el('div', { class: 'row tools' }, ...scalpButtons),
    el('div', { class: 'row' }, el('label', { for: ZONE_ROLE_ID }, 'Outline role '), roleSelect, drawZone),
    el('div', { class: 'row' }, toolButtons[1]!, el('label', { for: SCAR_WIDTH_ID }, 'width '), width, el('span', { class: 'unit' }, 'mm')),
    el('div', { class: 'row' }, toolButtons[2]!, el('label', { for: DOT_SCAR_SIZE_ID }, 'size '), dotSize, el('span', { class: 'unit' }, 'mm'), toolButtons[3]!),
    el('p', { class: 'hint' }, 'Zones and strip scars: click points, then double-click or press Enter. Dot scars: click or drag. Patches: drag an oval (Shift: a circle).'),
    list,
  );
  return { section: s, refresh };
}

/** One zone's card; it looks its zone up by id on every change, so it never writes a stale copy. */
function zoneCard(store: AppStore, id: string): { el: HTMLElement; refresh: () => void } {
  const zone = (): Zone | undefined => store.get().design.zones.find((z) => z.id === id);
  const patch = (p: Partial<Zone>): void => setDesign(store, (d) => ({ ...d, zones: d.zones.map((z) => (z.id === id ? { ...z, ...p } : z)) }));
  const body = (): number => store.get().design.dots.density;
  const z0 = zone()!;

  const name = el('input', { type: 'text', 'aria-label': 'Zone name', class: 'zone-name', maxlength: '80' });
  name.addEventListener('change', () => patch({ name: name.value.trim() || (zone()?.name ?? '') }));
  const role = el('select', { 'aria-label': 'Zone role' }, ...ROLES.map((r) => el('option', { value: r }, ROLE_NAMES[r])));
  role.addEventListener('change', () => patch({ role: role.value as ZoneRole, whorl: role.value === 'crown' && (zone()?.whorl ?? false) }));
  const remove = button('Delete', () => setDesign(store, (d) => ({ ...d, zones: d.zones.filter((z) => z.id !== id) })), { 'aria-label': 'Delete zone' });

  const rows = [
    // Density in dots/cm² (the body's times the zone's multiplier, up to LIMITS.zoneDensity.max of it).
    zoneRow(id, { label: 'Density', unit: 'dots/cm²', min: 0, max: () => Math.round(LIMITS.zoneDensity.max * body()), step: 1, get: () => Math.round((zone()?.density ?? 1) * body()), set: (v) => patch({ density: Math.min(LIMITS.zoneDensity.max, v / body()) }) }),
    zoneRow(id, { label: 'Dot size', unit: '×', min: LIMITS.zoneSize.min, max: LIMITS.zoneSize.max, step: 0.05, get: () => zone()?.size ?? 1, set: (v) => patch({ size: v }) }),
    zoneRow(id, { label: 'Shade', unit: '−1…+1', min: -1, max: 1, step: 0.05, get: () => zone()?.shade ?? 0, set: (v) => patch({ shade: v }) }),
    zoneRow(id, { label: 'Feather', unit: 'mm', min: LIMITS.featherMm.min, max: LIMITS.featherMm.max, step: 0.5, get: () => zone()?.featherMm ?? 0, set: (v) => patch({ featherMm: v }) }),
  ];
  const whorl = el('input', { type: 'checkbox' });
  whorl.addEventListener('change', () => patch({ whorl: whorl.checked }));
  const whorlRow = el('label', { class: 'row check' }, whorl, ' Whorl (density spirals about the centre)');

  const card = el(
    'div',
    { class: 'zone-card', 'data-zone': id, 'data-role': z0.role },
    el('div', { class: 'row' }, name, role, remove),
    ...rows.map((r) => r.row),
    ...(z0.role === 'crown' ? [whorlRow] : []),
  );
  return {
    el: card,
    refresh() {
      const z = zone();
      if (!z) return;
      if (document.activeElement !== name) name.value = z.name;
      role.value = z.role;
      whorl.checked = z.whorl;
      rows.forEach((r) => r.refresh());
    },
  };
}

/** A panel slider whose id is the zone's own (a card per zone: the label alone would repeat). */
const zoneRow = (zoneId: string, o: SliderOptions): { row: HTMLElement; refresh: () => void } =>
  slider({ ...o, id: `c-zone-${zoneId}-${o.label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, format: (v) => String(Math.round(v * 100) / 100) });
