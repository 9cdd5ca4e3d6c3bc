import { compose, exportFileName, LAYOUTS, PRESETS, type Composition, type Fit, type ImageFormat, type LayoutKind, type PresetId } from '../compose/layout.ts';
import { decodeFullResolution, loadPhoto } from '../photo/load-photo.ts';
import { lookFor } from '../realism/look.ts';
import { createExportClient, ExportCancelledError, type ExportProgress } from '../render/export-client.ts';
import type { App } from './app.ts';
import { button, download, el, section } from './controls.ts';
import type { AppStore } from './state.ts';

/** A logo is small: its copy is kept at most this long a side. */
const LOGO_SIDE = 1024;

interface ComposerState {
  layout: LayoutKind;
  before: string;
  after: string;
  watermark: string;
  preset: PresetId;
  fit: Fit;
  stamp: boolean;
  format: ImageFormat;
  quality: number;
  fileName: string;
  logo: ImageBitmap | null;
}

const select = <T extends string>(id: string, options: { id: T; name: string }[], value: T, onChange: (v: T) => void): HTMLSelectElement => {
  const s = el('select', { id }, ...options.map((o) => el('option', { value: o.id }, o.name)));
  s.value = value;
  s.addEventListener('change', () => onChange(s.value as T));
  return s;
};
const text = (id: string, value: string, onInput: (v: string) => void, attrs: Record<string, string> = {}): HTMLInputElement => {
  const t = el('input', { type: 'text', id, value, ...attrs });
  t.addEventListener('input', () => onInput(t.value));
  return t;
};
const labelled = (id: string, label: string, control: HTMLElement): HTMLElement => el('div', { class: 'row' }, el('label', { for: id }, label), control);

/**
 * The before/after composer and export: layout, labels, logo, watermark, canvas preset, the "Simulated result" stamp
 * (turning it off takes a confirmation), PNG or JPEG. The picture is drawn at full resolution in a worker with a
 * progress bar and Cancel; the page keeps answering. File names carry no client name unless one is typed, and the
 * encoded picture carries none of the original photo's metadata.
 */
export function buildExportSection(store: AppStore, app: () => App): HTMLElement {
  const c: ComposerState = {
    layout: 'side', before: 'Before', after: 'After', watermark: '', preset: 'original', fit: 'contain',
    stamp: true, format: 'png', quality: 0.92, fileName: '', logo: null,
  };
  const client = createExportClient();
  let job: AbortController | null = null;

  const layout = select('c-export-layout', LAYOUTS, c.layout, (v) => (c.layout = v));
  const before = text('c-export-before', c.before, (v) => (c.before = v), { maxlength: '60' });
  const after = text('c-export-after', c.after, (v) => (c.after = v), { maxlength: '60' });
  const watermark = text('c-export-watermark', c.watermark, (v) => (c.watermark = v), { maxlength: '80', placeholder: 'e.g. the clinic name' });
  const preset = select('c-export-preset', PRESETS, c.preset, (v) => {
    c.preset = v;
    fit.disabled = v === 'original';
  });
  const fit = select<Fit>('c-export-fit', [{ id: 'contain', name: 'Fit (bands)' }, { id: 'cover', name: 'Fill (crop)' }], c.fit, (v) => (c.fit = v));
  fit.disabled = true;

  // The stamp: on by default; off only after a second, explicit step.
  const stampBox = el('input', { type: 'checkbox', id: 'c-export-stamp' });
  stampBox.checked = true;
  const confirmRow = el('div', { class: 'confirm', role: 'alertdialog', 'aria-label': 'Turn off the stamp?', hidden: '' },
    el('p', {}, 'Without the stamp the picture can be taken for a real treatment result. Turn it off?'),
    el('div', { class: 'row' },
      button('Turn the stamp off', () => {
        c.stamp = false;
        stampBox.checked = false;
        confirmRow.hidden = true;
      }),
      button('Keep the stamp', () => {
        confirmRow.hidden = true;
        stampBox.checked = true;
      })),
  );
  stampBox.addEventListener('change', () => {
    if (stampBox.checked) {
      c.stamp = true;
      confirmRow.hidden = true;
    } else {
      stampBox.checked = true; // stays on until confirmed
      confirmRow.hidden = false;
    }
  });

  const logoInput = el('input', { type: 'file', accept: 'image/*', id: 'c-export-logo', class: 'file' });
  const logoName = el('span', { class: 'logo-name', 'data-testid': 'logo-name' });
  const clearLogo = button('Remove logo', () => setLogo(null, ''), { disabled: '' });
  const setLogo = (bitmap: ImageBitmap | null, name: string): void => {
    c.logo?.close();
    c.logo = bitmap;
    logoName.textContent = name;
    clearLogo.disabled = !bitmap;
  };
  logoInput.addEventListener('change', () => {
    const file = logoInput.files?.[0];
    logoInput.value = '';
    if (!file) return;
    // The same checks as a photo (type by content, size, damage); a refused file changes nothing else.
    loadPhoto(file, file.name, { maxDisplaySide: LOGO_SIDE, maxMegapixels: 50 }).then(
      (p) => setLogo(p.display, file.name),
      (e: unknown) => {
        const why = e instanceof Error ? e.message : String(e);
        store.update((s) => ({ ...s, notice: { kind: 'error', text: `The logo was not used. ${why}` } }));
      },
    );
  });

  const format = select<ImageFormat>('c-export-format', [{ id: 'png', name: 'PNG' }, { id: 'jpeg', name: 'JPEG' }], c.format, (v) => {
    c.format = v;
    quality.disabled = v !== 'jpeg';
    exportButton.textContent = `Export ${v === 'png' ? 'PNG' : 'JPEG'}`;
  });
  const quality = el('input', { type: 'number', id: 'c-export-quality', min: '50', max: '100', step: '1', value: '92', class: 'num', disabled: '' });
  quality.addEventListener('change', () => {
    const v = Number(quality.value);
    if (Number.isFinite(v)) c.quality = Math.min(100, Math.max(50, v)) / 100;
  });
  const fileName = text('c-export-name', '', (v) => (c.fileName = v), { placeholder: 'smp-before-after', maxlength: '100' });

  const progress = el('progress', { max: '1', value: '0', 'aria-label': 'Export progress', class: 'export-progress' });
  const progressText = el('span', { class: 'hint', 'data-testid': 'export-progress-text', 'aria-live': 'polite' });
  const cancel = button('Cancel', () => job?.abort(), { disabled: '' });

  const composition = (photo: { width: number; height: number }): Composition =>
    compose({
      photo, layout: c.layout, preset: c.preset, fit: c.fit, labels: { before: c.before, after: c.after }, stamp: c.stamp,
      watermark: c.watermark, logo: c.logo ? { width: c.logo.width, height: c.logo.height } : null,
    });

  const onProgress = (p: ExportProgress): void => {
    progress.value = p.stage === 'encode' ? 0.95 : (p.done / Math.max(1, p.total)) * 0.9;
    progressText.textContent = p.stage === 'encode' ? 'Encoding…' : `Drawing ${p.done} of ${p.total}`;
  };
  const notice = (kind: 'info' | 'error', t: string): void => store.update((s) => ({ ...s, notice: { kind, text: t } }));

  const run = async (): Promise<void> => {
    const a = app();
    const photo = a.photo();
    if (!photo || job) return;
    const controller = new AbortController();
    job = controller;
    exportButton.disabled = true;
    cancel.disabled = false;
    progress.value = 0;
    progressText.textContent = 'Preparing…';
    notice('info', 'Exporting at full resolution…');
    try {
      await a.whenReady();
      if (!a.scene.shownDots) throw new Error('There are no dots to export yet.');
      const comp = composition({ width: photo.width, height: photo.height });
      const full = await decodeFullResolution(photo);
      const logo = c.logo ? await createImageBitmap(c.logo) : null;
      const type = c.format === 'png' ? 'image/png' : 'image/jpeg';
      // The design and dots are read together, after the last wait: run() copies the dots to the worker at once,
      // and the pipeline may lend a replaced pattern's buffers to its next job (src/app/pipeline.ts).
      const design = store.get().design;
      // Read after the waits: the dots on screen now (the pipeline may have lent the earlier ones to its next job).
      const dots = a.scene.shownDots!;
      const result = await client.run(
        { comp, photo: full, logo, look: lookFor(design), zoneField: a.scene.dots.zoneField, hairMask: a.scene.dots.hairMask, dots, photoSize: { width: design.photo.width, height: design.photo.height }, format: type, quality: c.quality, background: '#ffffff' },
        onProgress,
        controller.signal,
      );
      const name = exportFileName(c.fileName, c.layout, c.format);
      download(result.blob, name);
      progress.value = 1;
      progressText.textContent = `Done: ${result.width} × ${result.height}`;
      notice('info', `Exported a ${result.width} × ${result.height} ${c.format.toUpperCase()} (${name}).`);
    } catch (e) {
      progress.value = 0;
      if (e instanceof ExportCancelledError) {
        progressText.textContent = 'Cancelled';
        notice('info', 'The export was cancelled.');
      } else {
        progressText.textContent = '';
        notice('error', `The export failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    } finally {
      job = null;
      exportButton.disabled = false;
      cancel.disabled = true;
    }
  };
  const exportButton = button('Export PNG', () => void run(), { class: 'primary' });

  const sec = section(
    'Before / after and export',
    labelled('c-export-layout', 'Layout', layout),
    labelled('c-export-before', 'Before label', before),
    labelled('c-export-after', 'After label', after),
    el('div', { class: 'row' }, el('label', { for: 'c-export-logo', class: 'file-button' }, 'Logo…'), logoInput, logoName, clearLogo),
    labelled('c-export-watermark', 'Watermark', watermark),
    labelled('c-export-preset', 'Canvas', preset),
    labelled('c-export-fit', 'Other shapes', fit),
    el('label', { class: 'row check' }, stampBox, ' "Simulated result" stamp'),
    confirmRow,
    el('div', { class: 'row' }, el('label', { for: 'c-export-format' }, 'Format'), format, el('label', { for: 'c-export-quality' }, 'Quality'), quality),
    labelled('c-export-name', 'File name', fileName),
    el('p', { class: 'hint' }, 'Leave the name empty to keep the client\'s name out of it. The file carries no data from the original photo.'),
    el('div', { class: 'row' }, exportButton, cancel),
    el('div', { class: 'row' }, progress, progressText),
  );
  sec.classList.add('composer');
  return sec;
}
