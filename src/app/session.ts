import type { Design } from '../design/types.ts';
import { DesignFileError, parseDesignFile, serializeDesign, validateDesign } from '../persist/design-file.ts';
import { parseBundle, serializeBundle } from '../persist/bundle.ts';
import { currentProjectId, duplicateProject, loadProject, newProjectId } from '../persist/projects.ts';
import { isPhotoError, loadPhoto } from '../photo/load-photo.ts';
import type { App } from './app.ts';
import { readPending, type Autosave } from './autosave.ts';
import type { AppState } from './state.ts';

/**
 * Opening and saving whole documents: a saved project, a project bundle, a design file. Each is checked in full
 * before anything changes, so a bad file leaves the current photo and design as they are.
 */
export interface Session {
  openProject(id: string): Promise<void>;
  duplicate(id: string): Promise<void>;
  openBundle(file: Blob): Promise<void>;
  openDesignFile(file: Blob): Promise<void>;
  saveDesignFile(): Blob;
  saveBundle(): Promise<Blob>;
}

export function createSession(app: App, autosave: Autosave): Session {
  const fail = (e: unknown): never => {
    const text = e instanceof DesignFileError || isPhotoError(e) ? e.message : `That could not be opened: ${e instanceof Error ? e.message : String(e)}`;
    app.store.update((s) => ({ ...s, notice: { kind: 'error', text } }));
    throw e;
  };

  /** Shows a photo with a design made for it (their sizes must agree). */
  const show = async (photoFile: Blob, design: Design, info: { demo: boolean }): Promise<void> => {
    const photo = await loadPhoto(photoFile, 'project photo', { maxDisplaySide: app.scene.maxTextureSize });
    if (photo.width !== design.photo.width || photo.height !== design.photo.height) {
      photo.display.close();
      throw new DesignFileError(`The design was made for a ${design.photo.width} × ${design.photo.height} photo, but the photo is ${photo.width} × ${photo.height}.`);
    }
    app.showPhoto(photo, (s: AppState) => ({ ...s, design, photo: { name: 'project photo', width: photo.width, height: photo.height, demo: info.demo }, notice: null }));
  };

  return {
    async openProject(id) {
      const rec = await loadProject(id).catch(fail);
      if (!rec) return fail(new DesignFileError('That project is no longer on this device.'));
      await autosave.flush();
      await show(rec.photo, validateDesign(rec.design), { demo: rec.demo }).catch(fail);
      autosave.useProject(rec.id, rec.name);
    },
    async duplicate(id) {
      await autosave.flush();
      const copy = await duplicateProject(id, newProjectId()).catch(fail);
      if (copy) await this.openProject(copy.id);
    },
    async openBundle(file) {
      const parsed = await file.text().then(parseBundle).catch(fail);
      await autosave.flush();
      await show(parsed.photo, parsed.design, { demo: false }).catch(fail);
      autosave.useProject(newProjectId(), 'Opened project');
    },
    async openDesignFile(file) {
      const design = await file.text().then((t) => parseDesignFile(t)).catch(fail);
      const cur = app.store.get().design.photo;
      if (design.photo.width !== cur.width || design.photo.height !== cur.height) {
        fail(new DesignFileError(`This design was made for a ${design.photo.width} × ${design.photo.height} photo; the photo open now is ${cur.width} × ${cur.height}. Open the matching photo first, or use a project file.`));
      }
      app.store.update((s) => ({ ...s, design, notice: { kind: 'info', text: 'Design opened.' } }));
    },
    saveDesignFile: () => new Blob([serializeDesign(app.store.get().design)], { type: 'application/json' }),
    async saveBundle() {
      const photo = app.photo();
      if (!photo) throw new Error('There is no photo to save.');
      return serializeBundle(app.store.get().design, photo.source);
    },
  };
}

/** The project to reopen at start, if this device has one and it is still valid. */
export async function lastProject(): Promise<{ id: string; name: string; design: Design; photo: Blob; demo: boolean } | undefined> {
  try {
    const id = await currentProjectId();
    const rec = id ? await loadProject(id) : undefined;
    if (!rec) return undefined;
    // A design written as the page went away, after the last save, is the newer one (checked like a file).
    const pending = readPending();
    let design = validateDesign(rec.design);
    if (pending && pending.id === rec.id && pending.savedAt > rec.savedAt) {
      try {
        const newer = validateDesign(pending.design);
        if (newer.photo.width === design.photo.width && newer.photo.height === design.photo.height) design = newer;
      } catch {
        // A damaged pending copy is ignored: the saved project stands.
      }
    }
    return { id: rec.id, name: rec.name, design, photo: rec.photo, demo: rec.demo };
  } catch {
    return undefined;
  }
}
