import { LIMITS, type Design, type Risks, type Skin, type Treatment } from '../design/types.ts';
import { hexToRgb255, suggestedDilution, suggestPigment } from '../realism/pigment.ts';
import { sessionDates } from '../realism/sessions.ts';
import { button, checkbox, el, section, slider } from './controls.ts';
import { setDesign, type AppStore } from './state.ts';

/** Moments the time control stops at, in days after the chosen session. */
const TIME_STOPS: { days: number; name: string }[] = [
  { days: 0, name: 'Day 0 (fresh)' },
  { days: 1, name: 'Day 1' },
  { days: 3, name: 'Day 3' },
  { days: 7, name: 'Day 7 (scabs off)' },
  { days: 14, name: 'Day 14' },
  { days: 30, name: '1 month (healed)' },
  { days: 60, name: '2 months' },
  { days: 182, name: '6 months' },
  { days: 365, name: '1 year' },
  { days: 730, name: '2 years' },
  { days: 1096, name: '3 years' },
  { days: 1826, name: '5 years' },
  { days: 2922, name: '8 years' },
];

const nearestStop = (days: number): number => {
  let best = 0;
  TIME_STOPS.forEach((s, i) => {
    if (Math.abs(s.days - days) < Math.abs(TIME_STOPS[best]!.days - days)) best = i;
  });
  return best;
};

/** The walk-through a technician gives a client: each session fresh and healed, then the years. */
export function walkThrough(t: Treatment): { session: number; days: number }[] {
  const steps: { session: number; days: number }[] = [];
  for (let s = 1; s <= t.shares.length; s++) steps.push({ session: s, days: 0 }, { session: s, days: 3 }, { session: s, days: Math.min(t.intervalDays, t.healDays) });
  const n = t.shares.length;
  steps.push({ session: n, days: t.healDays }, { session: n, days: 365 }, { session: n, days: 1826 }, { session: n, days: 2922 });
  // A moment twice in a row (interval ≥ heal days) would hold Next on it for ever.
  return steps.filter((s, i) => i === 0 || s.session !== steps[i - 1]!.session || s.days !== steps[i - 1]!.days);
}

function describeMoment(d: Design): string {
  const stop = TIME_STOPS.find((s) => s.days === d.preview.days);
  const when = stop ? stop.name : `Day ${d.preview.days}`;
  return `Session ${d.preview.session} of ${d.treatment.shares.length} · ${when}`;
}

/** Sessions and time, pigment and skin, and what can go wrong: the panel's realism sections. */
export function buildTreatmentSections(store: AppStore): { sections: HTMLElement[]; refresh: () => void } {
  const refreshers: (() => void)[] = [];
  const keep = <T extends { refresh: () => void }>(c: T): T => (refreshers.push(c.refresh), c);
  const d = () => store.get().design;
  const setT = (patch: Partial<Treatment>) => setDesign(store, (x) => ({ ...x, treatment: { ...x.treatment, ...patch } }));
  const setPreview = (patch: Partial<Design['preview']>) => setDesign(store, (x) => ({ ...x, preview: { ...x.preview, ...patch } }));
  const setRisk = (k: keyof Risks, v: boolean) => setDesign(store, (x) => ({ ...x, preview: { ...x.preview, risks: { ...x.preview.risks, [k]: v } } }));

  // Sessions: a button per session; the count select adds or drops the 4th (scars, alopecia).
  const sessionRow = el('div', { class: 'row sessions', role: 'group', 'aria-label': 'Session' });
  const renderSessions = (): void => {
    const n = d().treatment.shares.length;
    if (sessionRow.childElementCount !== n) {
      sessionRow.replaceChildren(
        ...Array.from({ length: n }, (_, k) => button(`Session ${k + 1}`, () => setPreview({ session: k + 1 }), { 'data-session': String(k + 1), 'aria-pressed': 'false' })),
      );
    }
    for (const b of sessionRow.querySelectorAll('button')) b.setAttribute('aria-pressed', String(Number(b.dataset.session) === d().preview.session));
  };
  refreshers.push(renderSessions);
  const count = el('select', { id: 'c-session-count' }, ...[2, 3, 4].map((n) => el('option', { value: String(n) }, `${n} sessions`)));
  count.addEventListener('change', () => setDesign(store, (x) => ({ ...x, ...withSessionCount(x, Number(count.value)) })));
  refreshers.push(() => (count.value = String(d().treatment.shares.length)));

  // The time control: a stop per moment that matters, named beside it (a day count alone means little to a client).
  const time = el('input', { type: 'range', id: 'c-time', min: '0', max: String(TIME_STOPS.length - 1), step: '1' });
  time.addEventListener('input', () => setPreview({ days: TIME_STOPS[Number(time.value)]!.days }));
  refreshers.push(() => (time.value = String(nearestStop(d().preview.days))));
  const moment = el('output', { class: 'moment', 'data-testid': 'moment' });
  refreshers.push(() => (moment.textContent = describeMoment(d())));
  const step = (dir: 1 | -1) => () => {
    const steps = walkThrough(d().treatment);
    const at = steps.findIndex((s) => s.session === d().preview.session && s.days === d().preview.days);
    const next = steps[Math.min(steps.length - 1, Math.max(0, at < 0 ? 0 : at + dir))]!;
    setPreview(next);
  };
  const walk = el('div', { class: 'row' }, button('◀ Back', step(-1), { 'aria-label': 'Previous moment' }), moment, button('Next ▶', step(1), { 'aria-label': 'Next moment' }));

  const shareSliders = [0, 1, 2].map((k) =>
    keep(
      slider({
        label: `After session ${k + 1}`,
        min: 5,
        max: 95,
        step: 1,
        unit: '% of dots',
        get: () => Math.round((d().treatment.shares[k] ?? 1) * 100),
        set: (v) => setT({ shares: setShare(d().treatment.shares, k, v / 100) }),
      }),
    ),
  );
  refreshers.push(() => shareSliders.forEach((s, k) => (s.row.hidden = k >= d().treatment.shares.length - 1)));
  const interval = keep(slider({ label: 'Days between sessions', min: LIMITS.intervalDays.min, max: LIMITS.intervalDays.max, step: 1, unit: 'days', get: () => d().treatment.intervalDays, set: (v) => setT({ intervalDays: v }) }));
  const shadeStep = keep(slider({ label: 'Lighter per earlier session', min: 0, max: LIMITS.shadeStep.max, step: 0.01, unit: '0–0.4', get: () => d().treatment.shadeStep, set: (v) => setT({ shadeStep: v }) }));
  const needle = keep(slider({ label: 'Hairline dot size', min: LIMITS.hairlineNeedle.min, max: 1, step: 0.05, unit: '× body (single needle)', get: () => d().treatment.hairlineNeedle, set: (v) => setT({ hairlineNeedle: v }) }));
  const start = el('input', { type: 'date', id: 'c-start-date' });
  start.addEventListener('change', () => setT({ startDate: /^\d{4}-\d{2}-\d{2}$/.test(start.value) ? start.value : '' }));
  const dates = el('div', { class: 'row dates', 'data-testid': 'session-dates' });
  refreshers.push(() => {
    if (document.activeElement !== start) start.value = d().treatment.startDate;
    const ds = sessionDates(d().treatment);
    dates.textContent = ds[0] ? ds.map((x, k) => `S${k + 1} ${x}`).join(' · ') : `Sessions ${d().treatment.intervalDays} days apart`;
  });

  const fresh = keep(slider({ label: 'Fresh dot size', min: LIMITS.freshDiameterMm.min, max: LIMITS.freshDiameterMm.max, step: 0.005, unit: 'mm', get: () => d().treatment.freshDiameterMm, set: (v) => setT({ freshDiameterMm: v }) }));
  const heal = keep(slider({ label: 'Days to heal', min: LIMITS.healDays.min, max: LIMITS.healDays.max, step: 1, unit: 'days', get: () => d().treatment.healDays, set: (v) => setT({ healDays: v }) }));
  const fadeYears = keep(slider({ label: 'Years to fade', min: LIMITS.fadeYears.min, max: LIMITS.fadeYears.max, step: 0.5, unit: 'years', get: () => d().treatment.fadeYears, set: (v) => setT({ fadeYears: v }) }));
  const sun = keep(slider({ label: 'Sun exposure', min: 0, max: 1, step: 0.05, unit: '0–1', get: () => d().treatment.sun, set: (v) => setT({ sun: v }) }));
  const scarFade = keep(slider({ label: 'Scar tissue fades', min: LIMITS.scarFade.min, max: LIMITS.scarFade.max, step: 0.1, unit: '× faster', get: () => d().treatment.scarFade, set: (v) => setT({ scarFade: v }) }));

  // Pigment and skin.
  const dilution = keep(slider({ label: 'Dilution', min: LIMITS.dilution.min, max: LIMITS.dilution.max, step: 0.01, unit: '0–0.8', get: () => d().dots.dilution, set: (v) => setDesign(store, (x) => ({ ...x, dots: { ...x.dots, dilution: v } })) }));
  const fitz = el('select', { id: 'c-fitzpatrick' }, ...['I', 'II', 'III', 'IV', 'V', 'VI'].map((n, i) => el('option', { value: String(i + 1) }, `Type ${n}`)));
  fitz.addEventListener('change', () => {
    const type = Number(fitz.value) as Skin['fitzpatrick'];
    const dil = suggestedDilution(type);
    setDesign(store, (x) => ({ ...x, skin: { ...x.skin, fitzpatrick: type }, dots: { ...x.dots, dilution: dil } }));
    store.update((s) => ({ ...s, notice: { kind: 'info', text: `Fitzpatrick type ${fitz.selectedOptions[0]?.textContent?.slice(5)}: dilution set to ${Math.round(dil * 100)}%.` } }));
  });
  refreshers.push(() => (fitz.value = String(d().skin.fitzpatrick)));
  const chip = (which: 'skinColour' | 'hairColour') => {
    const c = el('span', { class: 'chip', 'data-testid': `chip-${which}` });
    refreshers.push(() => {
      const v = d().skin[which];
      c.style.background = v || 'transparent';
      c.title = v || 'not sampled';
      c.classList.toggle('empty', !v);
    });
    return c;
  };
  const sampleSkin = button('Sample skin', () => store.update((s) => ({ ...s, tool: 'eyedropper-skin' })), { 'data-tool': 'eyedropper-skin' });
  const sampleHair = button('Sample hair', () => store.update((s) => ({ ...s, tool: 'eyedropper-hair' })), { 'data-tool': 'eyedropper-hair' });
  const suggest = button('Suggest pigment', () => {
    const skin = d().skin;
    const s = suggestPigment(skin.skinColour ? hexToRgb255(skin.skinColour) : null, skin.hairColour ? hexToRgb255(skin.hairColour) : null, skin.skinColour ? undefined : skin.fitzpatrick);
    setDesign(store, (x) => ({ ...x, skin: { ...x.skin, fitzpatrick: s.fitzpatrick }, dots: { ...x.dots, pigment: s.hex, dilution: s.dilution } }));
    const text = `Suggested ${s.name} at ${Math.round(s.dilution * 100)}% dilution for skin type ${s.fitzpatrick}.${s.caution ? ` ${s.caution}` : ''}`;
    store.update((st) => ({ ...st, notice: { kind: 'info', text } }));
  });

  // What can go wrong: each a toggle to show a client.
  const risk = (k: keyof Risks, label: string) => keep(checkbox(label, () => d().preview.risks[k], (v) => setRisk(k, v)));
  const drift = risk('blueDrift', 'Wrong ink drifts blue-green');
  const blowouts = risk('blowouts', 'Blowouts (too deep)');
  const helmet = risk('helmet', 'Too dense: "helmet" look');

  const sections = [
    section(
      'Sessions and time',
      el('div', { class: 'row' }, el('label', { for: 'c-session-count' }, 'Plan '), count),
      sessionRow,
      el('div', { class: 'row' }, el('label', { for: 'c-time' }, 'Time after it '), time),
      walk,
      ...shareSliders.map((s) => s.row),
      interval.row,
      el('div', { class: 'row' }, el('label', { for: 'c-start-date' }, 'First session '), start),
      dates,
      shadeStep.row,
      needle.row,
      el('details', {}, el('summary', {}, 'Healing and fading'), fresh.row, heal.row, fadeYears.row, sun.row, scarFade.row),
    ),
    section(
      'Pigment and skin',
      el('div', { class: 'row' }, el('label', { for: 'c-fitzpatrick' }, 'Fitzpatrick '), fitz),
      dilution.row,
      el('div', { class: 'row' }, sampleSkin, chip('skinColour'), sampleHair, chip('hairColour')),
      suggest,
    ),
    section('What can go wrong', drift.row, blowouts.row, helmet.row),
  ];
  const refresh = (): void => refreshers.forEach((r) => r());
  refresh();
  return { sections, refresh };
}

/** Sets session k's cumulative share, keeping the shares rising (each at least 1% above the one before) and the last 1. */
export function setShare(shares: readonly number[], k: number, v: number): number[] {
  const out = [...shares];
  const n = out.length;
  if (k >= n - 1) return out;
  out[k] = Math.min(1 - 0.01 * (n - 1 - k), Math.max(0.01 * (k + 1), v));
  for (let i = k + 1; i < n - 1; i++) out[i] = Math.max(out[i]!, out[i - 1]! + 0.01);
  for (let i = k - 1; i >= 0; i--) out[i] = Math.min(out[i]!, out[i + 1]! - 0.01);
  out[n - 1] = 1;
  return out.map((x) => Math.round(x * 1000) / 1000);
}

/** A plan of n sessions: the usual 30/70/100 for three, 40/100 for two, a 4th (scars, alopecia) at 25/55/80/100. */
export function withSessionCount(d: Design, n: number): Pick<Design, 'treatment' | 'preview'> {
  const plans: Record<number, number[]> = { 2: [0.4, 1], 3: [0.3, 0.7, 1], 4: [0.25, 0.55, 0.8, 1] };
  const shares = plans[n] ?? plans[3]!;
  return { treatment: { ...d.treatment, shares }, preview: { ...d.preview, session: Math.min(d.preview.session, shares.length) } };
}

