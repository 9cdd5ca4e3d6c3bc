import { createApp } from './app/app.ts';
import { buildExportSection } from './app/export-section.ts';
import { buildPhotoSection } from './app/photo-section.ts';
import { designFor, initialState } from './app/state.ts';
import { DEMO_PHOTO } from './photo/demo.ts';
import { loadPhoto } from './photo/load-photo.ts';

// Opens on the built-in demo: a generated scalp photo and a ready design, so the simulation shows at once.
async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  const scale = { pxPerMm: DEMO_PHOTO.pxPerMm, calibrated: true, source: 'demo' as const };
  const state = initialState(designFor(DEMO_PHOTO, scale, DEMO_PHOTO.hairline), { name: 'Demo photo', width: DEMO_PHOTO.width, height: DEMO_PHOTO.height, demo: true });
  let photo: ReturnType<typeof buildPhotoSection> | undefined;
  const app = await createApp(root, state, (store, self) => {
    photo = buildPhotoSection(store);
    return { photoSection: photo.section, exportSection: buildExportSection(store, self) };
  });
  photo!.attach({ dropTarget: root.querySelector('.view')!, maxDisplaySide: app.scene.maxTextureSize, show: (p, next) => app.showPhoto(p, next) });
  const demo = await loadPhoto(await (await fetch(DEMO_PHOTO.url)).blob(), 'demo', { maxDisplaySide: app.scene.maxTextureSize });
  app.showPhoto(demo, (s) => s);
  // Open at actual size on the frontal hairline: real-size dots are what the demo is for (Fit shows the whole head).
  const v = app.scene.viewSize;
  app.store.update((s) => ({ ...s, view: { scale: 1, x: v.width / 2 - DEMO_PHOTO.hairline.centreX, y: v.height * 0.6 - DEMO_PHOTO.hairline.centreY } }));
  // A handle for browser tests and benchmarks.
  (globalThis as { smp?: unknown }).smp = app;
}

void main();
