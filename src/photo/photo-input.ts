// Every way a photo gets in: the file inputs (the picker and the camera), drag and drop onto the stage, and paste.
// Only the newest load is delivered: a photo that finishes after a newer one was chosen is dropped.
import { isPhotoError, loadPhoto, type Photo } from './load-photo.ts';

export interface PhotoInputOptions {
  /** Where a photo can be dropped; it carries `data-dragging` while a file is dragged over it. */
  dropTarget: HTMLElement;
  /** `<input type=file accept="image/*">`, and the camera's (with `capture`). */
  fileInputs: HTMLInputElement[];
  /** Longest side of the display copy (the GPU's max texture size). */
  maxDisplaySide: number;
  maxMegapixels?: number;
  /** A file was taken and is being loaded. */
  onLoading?(): void;
  onPhoto(photo: Photo): void;
  /** A message for the user: the file was refused, or could not be loaded. */
  onError(message: string): void;
}

const DRAGGING = 'data-dragging';

/** Wires the inputs, drop target and paste; returns a function that unwires them all. */
export function attachPhotoInput(o: PhotoInputOptions): () => void {
  let generation = 0;
  let detached = false;

  const load = (file: Blob, name: string): void => {
    const mine = ++generation;
    o.onLoading?.();
    const opts = o.maxMegapixels === undefined
      ? { maxDisplaySide: o.maxDisplaySide }
      : { maxDisplaySide: o.maxDisplaySide, maxMegapixels: o.maxMegapixels };
    loadPhoto(file, name, opts).then(
      (photo) => {
        if (mine !== generation || detached) {
          photo.display.close(); // superseded
          return;
        }
        o.onPhoto(photo);
      },
      (e: unknown) => {
        if (mine !== generation || detached) return;
        if (isPhotoError(e)) o.onError(e.message);
        else {
          console.error(e); // not a refusal: a bug
          o.onError("This photo couldn't be opened. Try another copy of it, saved as JPEG.");
        }
      },
    );
  };

  const listeners: [EventTarget, string, (e: Event) => void][] = [];
  const on = <E extends Event>(target: EventTarget, type: string, f: (e: E) => void): void => {
    const g = f as (e: Event) => void;
    target.addEventListener(type, g);
    listeners.push([target, type, g]);
  };

  for (const input of o.fileInputs) {
    on(input, 'change', () => {
      const file = input.files?.[0];
      input.value = ''; // choosing the same file again must fire 'change' again
      if (file) load(file, file.name);
    });
  }

  // Drag and drop. dragenter/dragleave fire for every child crossed, so the depth is counted.
  let depth = 0;
  const setDragging = (on: boolean): void => {
    if (on) o.dropTarget.setAttribute(DRAGGING, '');
    else o.dropTarget.removeAttribute(DRAGGING);
  };
  const isFileDrag = (e: DragEvent): boolean => e.dataTransfer?.types.includes('Files') ?? false;
  on<DragEvent>(o.dropTarget, 'dragenter', (e) => {
    if (!isFileDrag(e)) return;
    e.preventDefault();
    depth++;
    setDragging(true);
  });
  on<DragEvent>(o.dropTarget, 'dragover', (e) => {
    if (!isFileDrag(e)) return;
    e.preventDefault(); // allows the drop
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  });
  on<DragEvent>(o.dropTarget, 'dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) setDragging(false);
  });
  on<DragEvent>(o.dropTarget, 'drop', (e) => {
    depth = 0;
    setDragging(false);
    if (!e.dataTransfer) return;
    e.preventDefault();
    const file = e.dataTransfer.files[0];
    if (file) load(file, file.name);
    else o.onError('Drop a photo file from this device (a picture dragged from a web page has no file).');
  });
  // A file dropped beside the target must not make the browser leave the app to show it.
  on<DragEvent>(window, 'dragover', (e) => {
    if (!isFileDrag(e) || o.dropTarget.contains(e.target as Node | null)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'none';
  });
  on<DragEvent>(window, 'drop', (e) => {
    if (!o.dropTarget.contains(e.target as Node | null)) e.preventDefault();
    depth = 0;
    setDragging(false);
  });
  on<DragEvent>(window, 'dragend', () => {
    depth = 0;
    setDragging(false);
  });

  // Paste: a copied image or screenshot arrives as a file on the clipboard.
  on<ClipboardEvent>(window, 'paste', (e) => {
    const data = e.clipboardData;
    if (!data) return;
    let file: File | null = null;
    for (const item of data.items) {
      if (item.kind === 'file' && item.type.startsWith('image/')) {
        file = item.getAsFile();
        if (file) break;
      }
    }
    file ??= [...data.files].find((f) => f.type.startsWith('image/')) ?? null;
    if (!file) return; // text: not ours
    e.preventDefault();
    load(file, file.name || 'pasted image');
  });

  return () => {
    detached = true;
    for (const [target, type, f] of listeners) target.removeEventListener(type, f);
    listeners.length = 0;
    setDragging(false);
  };
}
