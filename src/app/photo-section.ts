import type { Photo } from '../photo/load-photo.ts';
import { attachPhotoInput } from '../photo/photo-input.ts';
import { button, el, section } from './controls.ts';
import { defaultPxPerMm, designFor, type AppState, type AppStore } from './state.ts';

/**
 * The photo controls: open a file or take one with the camera (drop and paste work on the view too), the scale
 * readout and the calibration tools. A refused file leaves the current photo and design as they are.
 */
export function buildPhotoSection(store: AppStore): { section: HTMLElement; attach(o: { dropTarget: HTMLElement; maxDisplaySide: number; show(photo: Photo, next: (s: AppState) => AppState): void }): void } {
  const file = el('input', { type: 'file', accept: 'image/*', id: 'c-photo', class: 'file' });
  const camera = el('input', { type: 'file', accept: 'image/*', capture: 'environment', id: 'c-camera', class: 'file' });
  const name = el('div', { class: 'photo-name', 'data-testid': 'photo-name' });
  const knownMm = el('input', { type: 'number', id: 'c-ruler-mm', min: '1', max: '500', step: '1', value: '50', class: 'num' });
  const ipdMm = el('input', { type: 'number', id: 'c-ipd-mm', min: '40', max: '90', step: '0.5', value: '63', class: 'num' });
  const sec = section(
    'Photo',
    el('div', { class: 'row' }, el('label', { for: 'c-photo', class: 'file-button' }, 'Open photo…'), file, el('label', { for: 'c-camera', class: 'file-button' }, 'Take photo'), camera),
    name,
    el('p', { class: 'hint' }, 'Or drop a photo on the view, or paste one. It stays on this device.'),
    el('div', { class: 'row' }, button('Calibrate with a ruler', () => store.update((s) => ({ ...s, tool: 'calibrate-ruler' })), { 'data-tool': 'calibrate-ruler' }), el('label', { for: 'c-ruler-mm' }, 'Known length (mm) '), knownMm),
    el('div', { class: 'row' }, button('Mark the pupils', () => store.update((s) => ({ ...s, tool: 'calibrate-pupils' })), { 'data-tool': 'calibrate-pupils' }), el('label', { for: 'c-ipd-mm' }, 'Pupil distance (mm) '), ipdMm),
  );
  store.subscribe((s, prev) => {
    if (s.photo !== prev.photo) name.textContent = s.photo ? (s.photo.demo ? 'Demo photo' : s.photo.name) : '';
  });
  name.textContent = store.get().photo?.demo ? 'Demo photo' : (store.get().photo?.name ?? '');
  return {
    section: sec,
    attach(o) {
      attachPhotoInput({
        dropTarget: o.dropTarget,
        fileInputs: [file, camera],
        maxDisplaySide: o.maxDisplaySide,
        onLoading: () => store.update((s) => ({ ...s, notice: { kind: 'info', text: 'Opening the photo…' } })),
        onError: (text) => store.update((s) => ({ ...s, notice: { kind: 'error', text } })),
        onPhoto: (photo) =>
          o.show(photo, (s) => {
            // A new client photo: keep the dot choices, start a fresh hairline and an uncalibrated scale.
            const scale = { pxPerMm: defaultPxPerMm(photo.width), calibrated: false, source: 'default' as const };
            const design = designFor(photo, scale, undefined, s.design.dots.seed);
            return { ...s, design: { ...design, dots: s.design.dots }, photo: { name: photo.name, width: photo.width, height: photo.height, demo: false }, notice: null, tool: 'pan' };
          }),
      });
    },
  };
}

/** Known lengths typed by the user, for the calibration tools. */
export function calibrationLengths(): { rulerMm: number; ipdMm: number } {
  const v = (id: string, fallback: number): number => {
    const n = Number((document.getElementById(id) as HTMLInputElement | null)?.value);
    return Number.isFinite(n) && n > 0 ? n : fallback;
  };
  return { rulerMm: v('c-ruler-mm', 50), ipdMm: v('c-ipd-mm', 63) };
}
