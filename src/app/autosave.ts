import type { Photo } from '../photo/load-photo.ts';
import { defaultProjectName, newProjectId, saveProject, setCurrentProject, type ProjectRecord } from '../persist/projects.ts';
import type { AppState, AppStore } from './state.ts';

/** Save within this long of the last change: a crash or a closed tab loses at most this much. */
const DELAY_MS = 400;
const THUMB_PX = 160;

export interface Autosave {
  /** The project being saved to. */
  projectId(): string;
  /** Starts a new project (a new photo), or switches to an opened one. */
  useProject(id: string, name: string): void;
  /** Saves now if a change is pending. */
  flush(): Promise<void>;
  /** Resolves after the latest pending save (tests). */
  idle(): Promise<void>;
}

/**
 * Saves the design and the photo's original file to IndexedDB as they change (debounced), and at once when the
 * page is hidden or closed. History and view are not saved: only what a technician would lose.
 */
export function startAutosave(store: AppStore, photo: () => Photo | null, initial: { id: string; name: string }, onError: (text: string) => void): Autosave {
  let id = initial.id;
  let name = initial.name;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  let chain: Promise<void> = Promise.resolve();
  let thumb: { photo: Photo; blob: Blob | null } | undefined;

  const save = (): Promise<void> => {
    if (!pending) return chain;
    pending = false;
    const s = store.get();
    const p = photo();
    if (!p || !s.photo) return chain;
    chain = chain
      .then(async () => {
        if (thumb?.photo !== p) thumb = { photo: p, blob: await thumbnail(p) };
        const record: ProjectRecord = { id, name, savedAt: Date.now(), design: s.design, photo: p.source, demo: s.photo?.demo ?? false, thumbnail: thumb.blob };
        await saveProject(record);
        await setCurrentProject(id);
      })
      .catch((e: unknown) => onError(`Autosave failed: ${e instanceof Error ? e.message : String(e)}. Export the design to keep it.`));
    return chain;
  };

  const schedule = (): void => {
    pending = true;
    clearTimeout(timer);
    timer = setTimeout(() => void save(), DELAY_MS);
  };

  store.subscribe((s: AppState, prev: AppState) => {
    if (s.design !== prev.design || s.photo !== prev.photo) schedule();
  });
  const now = (): void => {
    clearTimeout(timer);
    void save();
  };
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && now());
  window.addEventListener('pagehide', now);

  return {
    projectId: () => id,
    useProject(newId, newName) {
      id = newId;
      name = newName;
      schedule();
    },
    flush: () => {
      clearTimeout(timer);
      return save();
    },
    idle: () => chain,
  };
}

export const freshProject = (): { id: string; name: string } => ({ id: newProjectId(), name: defaultProjectName() });

async function thumbnail(p: Photo): Promise<Blob | null> {
  const k = THUMB_PX / Math.max(p.display.width, p.display.height);
  const c = document.createElement('canvas');
  c.width = Math.max(1, Math.round(p.display.width * k));
  c.height = Math.max(1, Math.round(p.display.height * k));
  c.getContext('2d')!.drawImage(p.display, 0, 0, c.width, c.height);
  return new Promise((r) => c.toBlob((b) => r(b), 'image/jpeg', 0.8));
}
