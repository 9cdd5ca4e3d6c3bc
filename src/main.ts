import { createApp } from './app/app.ts';
import { freshProject, startAutosave, type Autosave } from './app/autosave.ts';
import { buildExportSection } from './app/export-section.ts';
import { attachHistoryInput, History } from './app/history.ts';
import { registerOffline } from './app/offline.ts';
import { buildPhotoSection } from './app/photo-section.ts';
import { buildProjectSection } from './app/project-section.ts';
import { createSession, lastProject, type Session } from './app/session.ts';
import { designFor, initialState, type AppState } from './app/state.ts';
import type { Design } from './design/types.ts';
import { DEMO_PHOTO } from './photo/demo.ts';
import { loadPhoto } from './photo/load-photo.ts';

/** The built-in demo: a generated scalp photo and a ready design whose treatment area is the head. */
function demoDesign(): Design {
  const design = designFor(DEMO_PHOTO, { pxPerMm: DEMO_PHOTO.pxPerMm, calibrated: true, source: 'demo' }, DEMO_PHOTO.hairline);
  const { width: w, height: h } = DEMO_PHOTO;
  design.area.edits = [
    { kind: 'polygon', mode: 'erase', points: [{ x: 0, y: 0 }, { x: w, y: 0 }, { x: w, y: h }, { x: 0, y: h }] },
    { kind: 'polygon', mode: 'add', points: DEMO_PHOTO.headOutline.map((p) => ({ ...p })) },
  ];
  return design;
}

// Reopens the last project on this device, or opens on the demo so the simulation shows at once.
async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  const restored = await lastProject();
  const design = restored?.design ?? demoDesign();
  const info = { name: restored ? 'project photo' : 'Demo photo', width: design.photo.width, height: design.photo.height, demo: restored?.demo ?? true };
  let photo: ReturnType<typeof buildPhotoSection> | undefined;
  // Made once the app exists; the panel's buttons reach them through this.
  const late: { autosave?: Autosave; session?: Session } = {};
  const app = await createApp(root, initialState(design, info), (store, self) => {
    photo = buildPhotoSection(store);
    const history = new History<AppState>(store);
    attachHistoryInput(history);
    return { photoSection: photo.section, exportSection: buildExportSection(store, self), projectSection: buildProjectSection(history, () => late.session!, () => late.autosave!) };
  });
  const onError = (text: string): void => app.store.update((s) => ({ ...s, notice: { kind: 'error', text } }));
  const autosave = (late.autosave = startAutosave(app.store, app.photo, restored ?? freshProject(), onError));
  const session = (late.session = createSession(app, autosave));
  photo!.attach({
    dropTarget: root.querySelector('.view')!,
    maxDisplaySide: app.scene.maxTextureSize,
    show: (p, next) => {
      const fresh = freshProject();
      app.showPhoto(p, next);
      autosave.useProject(fresh.id, fresh.name);
    },
  });

  const opts = { maxDisplaySide: app.scene.maxTextureSize };
  const demoPhoto = async () => loadPhoto(await (await fetch(DEMO_PHOTO.url)).blob(), 'demo', opts);
  const shown = restored ? await loadPhoto(restored.photo, 'project photo', opts).catch(() => undefined) : undefined;
  if (restored && !shown) {
    app.store.update((s) => ({ ...s, design: demoDesign(), photo: { name: 'Demo photo', width: DEMO_PHOTO.width, height: DEMO_PHOTO.height, demo: true }, notice: { kind: 'error', text: 'The last project could not be reopened; the demo is shown instead.' } }));
  }
  app.showPhoto(shown ?? (await demoPhoto()), (s) => s);
  if (!shown) {
    // Open the demo at actual size on the frontal hairline: real-size dots are what it is for (Fit shows the head).
    const v = app.scene.viewSize;
    app.store.update((s) => ({ ...s, view: { scale: 1, x: v.width / 2 - DEMO_PHOTO.hairline.centreX, y: v.height * 0.6 - DEMO_PHOTO.hairline.centreY } }));
  }
  // A handle for browser tests and benchmarks.
  (globalThis as { smp?: unknown }).smp = Object.assign(app, { autosave, session });
  await app.whenReady();
}

// Offline use, once the app has loaded everything it needs (production builds only).
registerOffline(main());
