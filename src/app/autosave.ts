import type { Photo } from '../photo/load-photo.ts';
import { thumbnailOf, type ThumbnailWorkerApi } from '../photo/thumbnail.ts';
import { createWorkerCaller } from '../pool/worker-call.ts';
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
  /** Saves begun and not yet written: a page hidden meanwhile must still keep their design. */
  let writing = 0;
  let chain: Promise<void> = Promise.resolve();
  let thumb: { photo: Photo; blob: Blob | null } | undefined;

  const save = (): Promise<void> => {
    if (!pending) return chain;
    pending = false;
    const s = store.get();
    const p = photo();
    if (!p || !s.photo) return chain;
    writing++;
    chain = chain
      .then(async () => {
        if (thumb?.photo !== p) thumb = { photo: p, blob: await thumbnail(p) };
        const record: ProjectRecord = { id, name, savedAt: Date.now(), design: s.design, photo: p.source, demo: s.photo?.demo ?? false, thumbnail: thumb.blob };
        await saveProject(record);
        await setCurrentProject(id);
        clearPending(id, record.savedAt);
      })
      .catch((e: unknown) => onError(`Autosave failed: ${e instanceof Error ? e.message : String(e)}. Export the design to keep it.`))
      .finally(() => writing--);
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
    // IndexedDB writes do not finish once the page is going away; localStorage does, synchronously. The design
    // (not the photo, which is saved with the project's first save) goes there too and wins at load if newer.
    if (pending || writing > 0) writePending(id, store.get().design);
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

const PENDING_KEY = 'smp:pending-design';

function writePending(id: string, design: unknown): void {
  try {
    localStorage.setItem(PENDING_KEY, JSON.stringify({ id, savedAt: Date.now(), design }));
  } catch {
    // Storage full or refused: the IndexedDB save still runs.
  }
}

function clearPending(id: string, savedAt: number): void {
  const p = readPending();
  if (p && p.id === id && p.savedAt <= savedAt) localStorage.removeItem(PENDING_KEY);
}

/** A design written as the page went away, newer than its project's last save, if there is one. */
export function readPending(): { id: string; savedAt: number; design: unknown } | undefined {
  try {
    const raw = localStorage.getItem(PENDING_KEY);
    const p = raw ? (JSON.parse(raw) as { id?: unknown; savedAt?: unknown; design?: unknown }) : undefined;
    return p && typeof p.id === 'string' && typeof p.savedAt === 'number' ? { id: p.id, savedAt: p.savedAt, design: p.design } : undefined;
  } catch {
    return undefined;
  }
}

export const freshProject = (): { id: string; name: string } => ({ id: newProjectId(), name: defaultProjectName() });

/** Decoding and encoding even a small copy held the main thread ~90 ms: a thumbnail stalled this long is made here. */
const THUMB_STALL_MS = 20_000;

/** The project's thumbnail, made in a worker of its own, started for it and then ended (once per photo). */
async function thumbnail(p: Photo): Promise<Blob | null> {
  const k = THUMB_PX / Math.max(p.width, p.height);
  const width = Math.max(1, Math.round(p.width * k));
  const height = Math.max(1, Math.round(p.height * k));
  const worker = createWorkerCaller<ThumbnailWorkerApi>(() => new Worker(new URL('../../workers/thumbnail.worker.ts', import.meta.url), { type: 'module', name: 'thumbnail' }), THUMB_STALL_MS);
  try {
    return await worker.call((api) => api.thumbnail(p.source, width, height), () => thumbnailOf(p.source, width, height));
  } finally {
    worker.end();
  }
}
