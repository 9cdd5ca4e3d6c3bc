import { decodeFullResolution } from '../photo/load-photo.ts';
import { renderFullResolution, sideBySide, toPngBlob } from '../render/export.ts';
import type { App } from './app.ts';
import { button, checkbox, download, el, section } from './controls.ts';
import type { AppStore } from './state.ts';

/**
 * Export at the photo's full resolution: the simulation alone, or before and after side by side. File names carry
 * no client name, and a canvas-encoded PNG carries none of the original photo's metadata.
 */
export function buildExportSection(store: AppStore, app: () => App): HTMLElement {
  let label = true;
  let busy = false;
  const run = (kind: 'after' | 'pair') => async (): Promise<void> => {
    const a = app();
    const photo = a.photo();
    if (!photo || busy) return;
    busy = true;
    store.update((s) => ({ ...s, notice: { kind: 'info', text: 'Exporting at full resolution…' } }));
    try {
      await a.whenReady();
      const full = await decodeFullResolution(photo);
      const after = await renderFullResolution(a.scene, full, { label });
      const canvas = kind === 'pair' ? sideBySide(full, after, { label }) : after;
      const blob = await toPngBlob(canvas);
      full.close();
      download(blob, kind === 'pair' ? 'smp-before-after.png' : 'smp-simulation.png');
      store.update((s) => ({ ...s, notice: { kind: 'info', text: `Exported a ${canvas.width} × ${canvas.height} PNG.` } }));
    } catch (e) {
      const text = `The export failed: ${e instanceof Error ? e.message : String(e)}`;
      store.update((s) => ({ ...s, notice: { kind: 'error', text } }));
    } finally {
      busy = false;
    }
  };
  const labelBox = checkbox('Label as a simulation', () => label, (v) => (label = v));
  return section(
    'Export',
    el('div', { class: 'row' }, button('Export PNG', () => void run('after')()), button('Export before/after', () => void run('pair')())),
    labelBox.row,
  );
}

