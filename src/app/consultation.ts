import { detailRegion, localIsoDate, sheetFigures, wholeRegion, type SheetFigures } from '../compose/sheet-figures.ts';
import { hairlineHeightAboveGlabellaCm } from '../design/guides.ts';
import { PIGMENT_SHADES } from '../realism/pigment.ts';
import { renderSnapshot } from '../render/snapshot.ts';
import type { App } from './app.ts';
import { button, el, section } from './controls.ts';
import type { AppStore } from './state.ts';

/** Longest side of each picture on the sheet, px: sharp on an A4 page at about 300 dpi across half its width. */
const PICTURE_SIDE = 1200;

/**
 * The consultation sheet: a page shown only when printing (app.css, @media print) with the before and after
 * pictures, the design's figures and the statement that the picture is a simulation. The client's name is only
 * what the user types here, never anything from a file. Print it, or save it as PDF, through the browser's print.
 */
export function buildConsultationSection(store: AppStore, app: () => App): HTMLElement {
  const date = el('input', { type: 'date', id: 'c-consult-date', value: localIsoDate(new Date()) });
  const client = el('input', { type: 'text', id: 'c-consult-client', placeholder: 'optional', maxlength: '80', autocomplete: 'off' });
  const sheet = el('article', { class: 'consult-sheet', 'aria-label': 'Consultation sheet', 'data-testid': 'consult-sheet' });
  document.body.append(sheet);

  const fill = (withPictures: boolean): void => {
    const design = store.get().design;
    const figures = sheetFigures({
      design,
      consultationDate: date.value || localIsoDate(new Date()),
      clientName: client.value,
      hairlineHeightCm: hairlineHeightAboveGlabellaCm(design),
      swatches: PIGMENT_SHADES,
    });
    const old = sheet.querySelector('.sheet-pictures');
    let pictures = old;
    if (withPictures || !old) pictures = picturesOf(app()) ?? old;
    sheet.replaceChildren(...sheetBody(figures, pictures));
  };
  // Printing from the browser's own menu still gets the figures as they are now (the pictures as last made).
  window.addEventListener('beforeprint', () => fill(false));

  const print = button('Print sheet / save as PDF', () => {
    void app()
      .whenReady()
      .then(() => {
        fill(true);
        sheet.dataset.ready = 'true';
        window.print();
      });
  }, { 'data-testid': 'print-sheet' });

  return section(
    'Consultation sheet',
    el('div', { class: 'row' }, el('label', { for: date.id }, 'Date'), date),
    el('div', { class: 'row' }, el('label', { for: client.id }, 'Client name'), client),
    el('p', { class: 'hint' }, 'The name is only what you type here; it is not saved. Choose “Save as PDF” in the print dialog for a file.'),
    print,
  );
}

/** Before and after: the whole photo, and a close-up of the hairline's centre, drawn now from the scene. */
function picturesOf(app: App): Element | null {
  const photo = app.photo();
  if (!photo) return null;
  const design = app.store.get().design;
  const figure = (label: string, canvas: HTMLCanvasElement, id: string): HTMLElement => {
    canvas.className = 'sheet-picture';
    canvas.dataset.testid = id;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', label);
    return el('figure', {}, canvas, el('figcaption', {}, label));
  };
  const whole = wholeRegion(design.photo, PICTURE_SIDE);
  const detail = detailRegion(design);
  const detailMm = Math.round(detail.width / design.scale.pxPerMm);
  return el(
    'div',
    { class: 'sheet-pictures' },
    figure('Before', renderSnapshot(app.scene, photo, whole, false), 'sheet-before'),
    figure('After (simulation)', renderSnapshot(app.scene, photo, whole, true), 'sheet-after'),
    figure(`Before: hairline close-up, ${detailMm} mm across`, renderSnapshot(app.scene, photo, detail, false), 'sheet-detail-before'),
    figure(`After (simulation): hairline close-up, ${detailMm} mm across`, renderSnapshot(app.scene, photo, detail, true), 'sheet-detail-after'),
  );
}

function sheetBody(f: SheetFigures, pictures: Element | null): Node[] {
  const header = el(
    'header',
    {},
    el('h1', {}, 'Scalp micropigmentation: consultation'),
    el('p', {}, `Date: ${f.date}`, ...(f.client ? [el('br'), `Client: ${f.client}`] : [])),
  );
  const rows = el('dl', { class: 'sheet-figures' }, ...f.rows.flatMap((r) => [el('dt', {}, r.label), el('dd', {}, r.value)]));
  const sessions = el(
    'table',
    { class: 'sheet-sessions' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Session'), el('th', {}, 'Share'), el('th', {}, 'Density'), el('th', {}, 'When'))),
    el('tbody', {}, ...f.sessions.map((s) => el('tr', {}, el('td', {}, s.label), el('td', {}, s.share), el('td', {}, s.density), el('td', {}, s.when)))),
  );
  const statement = el('p', { class: 'sheet-statement', 'data-testid': 'sheet-statement' }, f.statement);
  return [header, statement, ...(pictures ? [pictures] : []), el('h2', {}, 'The design'), rows, el('h2', {}, 'Sessions'), sessions, el('p', { class: 'sheet-note' }, 'Every figure is a plan: the technician adjusts it to your skin and to how each session heals.')];
}
