import * as Comlink from 'comlink';
import type { Size } from '../compose/layout.ts';
import { columnBuffers } from '../pattern/generate.ts';
import type { PatternResult } from '../pattern/types.ts';
import type { ExportJob, ExportProgress, ExportResult, ExportWorkerApi } from './offscreen-export.ts';

export type { ExportProgress, ExportResult };

/** An export job as the page has it: the dots themselves (sent to the worker once per pattern) instead of their key. */
export interface ExportRequest extends Omit<ExportJob, 'dotsKey'> {
  dots: PatternResult;
  /** The photo's full size: the dots' coordinate space. */
  photoSize: Size;
}

/** The dots in buffers of their own, exactly `count` long, marked to be transferred. */
function compactCopy(d: PatternResult): PatternResult {
  const c: PatternResult = { count: d.count, x: d.x.slice(0, d.count), y: d.y.slice(0, d.count), diameter: d.diameter.slice(0, d.count), rank: d.rank.slice(0, d.count), tone: d.tone.slice(0, d.count) };
  return Comlink.transfer(c, columnBuffers(c));
}

/** A cancelled export rejects with this. */
export class ExportCancelledError extends Error {
  constructor() {
    super('The export was cancelled.');
    this.name = 'ExportCancelledError';
  }
}

/** How long a cancelled job may take to stop between tiles before its worker is ended (encoding can't be stopped). */
const CANCEL_GRACE_MS = 300;

/**
 * Full-resolution export in a worker, so the page keeps answering: the photo and logo are transferred, the dots sent
 * once per pattern, the picture comes back as an encoded Blob. Cancel stops between tiles, or ends the worker when it
 * does not stop in time (a new one starts with the next job).
 */
export function createExportClient(): { run(r: ExportRequest, onProgress: (p: ExportProgress) => void, signal?: AbortSignal): Promise<ExportResult>; dispose(): void } {
  let worker: Worker | undefined;
  let api: Comlink.Remote<ExportWorkerApi> | undefined;
  /** The dots the running worker has, by key (a new worker has none). */
  let sent: string | undefined;
  let died: ((e: Error) => void)[] = [];
  const keys = new WeakMap<PatternResult, string>();
  let nextKey = 0;
  let nextId = 0;

  const start = (): Comlink.Remote<ExportWorkerApi> => {
    const w = new Worker(new URL('../../workers/export.worker.ts', import.meta.url), { type: 'module', name: 'export' });
    w.addEventListener('error', (e) => {
      e.preventDefault();
      const err = new Error(`The export worker failed${e.message ? `: ${e.message}` : ''}.`);
      stop();
      died.splice(0).forEach((f) => f(err));
    });
    worker = w;
    sent = undefined;
    api = Comlink.wrap<ExportWorkerApi>(w);
    return api;
  };
  const stop = (): void => {
    api?.[Comlink.releaseProxy]();
    worker?.terminate();
    worker = undefined;
    api = undefined;
  };

  const run = async (r: ExportRequest, onProgress: (p: ExportProgress) => void, signal?: AbortSignal): Promise<ExportResult> => {
    const id = ++nextId;
    const remote = api ?? start();
    let key = keys.get(r.dots);
    if (!key) keys.set(r.dots, (key = `dots-${++nextKey}`));
    const transfers = [r.photo, ...(r.logo ? [r.logo] : [])];
    return new Promise<ExportResult>((resolve, reject) => {
      let settled = false;
      const finish = (f: () => void): void => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', abort);
        died = died.filter((d) => d !== fail);
        f();
      };
      const fail = (e: Error): void => finish(() => reject(e));
      const abort = (): void => {
        void remote.cancel(id);
        setTimeout(() => {
          if (settled) return;
          stop();
          fail(new ExportCancelledError());
        }, CANCEL_GRACE_MS);
      };
      died.push(fail);
      if (signal?.aborted) {
        r.photo.close();
        r.logo?.close();
        return fail(new ExportCancelledError());
      }
      signal?.addEventListener('abort', abort);
      // Copied and posted now, before run() returns: the caller may lend the pattern's buffers to its next job at
      // once (src/app/pipeline.ts). The copy holds the dots only, not the room their buffers may have past them.
      const dotsSent = sent === key ? Promise.resolve() : remote.setDots(key, compactCopy(r.dots), r.photoSize);
      sent = key;
      dotsSent.catch(() => {
        if (sent === key) sent = undefined;
      });
      void (async () => {
        await dotsSent;
        // eslint-disable-next-line @typescript-eslint/no-unused-vars -- taken out: the worker has the dots by key
        const { dots, photoSize, ...rest } = r;
        const job: ExportJob = { ...rest, dotsKey: key };
        return remote.render(id, Comlink.transfer(job, transfers), Comlink.proxy(onProgress));
      })().then(
        (result) => finish(() => resolve(result)),
        // The worker's ExportCancelled (offscreen-export.ts) arrives by its name (Comlink keeps it), not its class.
        (e: unknown) => fail(e instanceof Error && e.name === 'ExportCancelled' ? new ExportCancelledError() : e instanceof Error ? e : new Error(String(e))),
      );
    });
  };
  return { run, dispose: stop };
}
