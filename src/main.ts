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
  const design = designFor(DEMO_PHOTO, scale, DEMO_PHOTO.hairline);
  // The demo's treatment area is the head: nothing on the backdrop around it.
  const { width: w, height: h } = DEMO_PHOTO;
  design.area.edits = [
    { kind: 'polygon', mode: 'erase', points: [{ x: 0, y: 0 }, { x: w, y: 0 }, { x: w, y: h }, { x: 0, y: h }] },
    { kind: 'polygon', mode: 'add', points: DEMO_PHOTO.headOutline.map((p) => ({ ...p })) },
  ];
  const state = initialState(design, { name: 'Demo photo', width: w, height: h, demo: true });
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
