import * as Comlink from 'comlink';

/** What a worker caller needs of a Worker (a test gives a stand-in). */
export interface WorkerLike extends Comlink.Endpoint {
  terminate(): void;
}

export interface WorkerCaller<Api> {
  /**
   * Runs `task` on the worker, started if there is none. If the worker cannot start, fails, or takes longer than
   * the stall limit, it is ended (the next call starts a new one) and `fallback` runs on the main thread instead:
   * slower, never wrong.
   */
  call<T>(task: (api: Comlink.Remote<Api>) => Promise<T>, fallback: () => T | Promise<T>): Promise<T>;
  /** Ends the worker now (a later call starts a new one). */
  end(): void;
}

/**
 * One worker behind a Comlink API, for work the page must never wait on (a field shape, a hair mask, a
 * thumbnail), that the main thread can still do itself when the worker is not there.
 */
export function createWorkerCaller<Api>(start: () => WorkerLike, stallMs: number): WorkerCaller<Api> {
  type Entry = { api: Comlink.Remote<Api>; failed: Promise<never>; kill(): void };
  let current: Entry | undefined;
  const open = (): Entry => {
    const worker = start();
    let reject: (e: Error) => void = () => undefined;
    // Rejects every call still waiting on this worker: its error event (its script failed to load or threw; Comlink
    // alone would wait) or its end (terminate() sends no event).
    const failed = new Promise<never>((_, r) => (reject = r));
    failed.catch(() => undefined);
    let alive = true;
    const entry: Entry = {
      api: Comlink.wrap<Api>(worker),
      failed,
      kill() {
        if (!alive) return;
        alive = false;
        worker.terminate();
        reject(new Error('the worker ended'));
        if (current === entry) current = undefined;
      },
    };
    worker.addEventListener('error', () => entry.kill(), { once: true });
    return (current = entry);
  };
  return {
    async call(task, fallback) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stalled = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the worker stalled')), stallMs)));
      let w: Entry | undefined;
      try {
        // Inside the try: a worker that cannot even start falls back to the main thread too.
        w = current ?? open();
        return await Promise.race([task(w.api), w.failed, stalled]);
      } catch {
        // Only the worker this call used: another call may already have started its replacement.
        w?.kill();
        return fallback();
      } finally {
        clearTimeout(timer);
      }
    },
    end: () => current?.kill(),
  };
}
