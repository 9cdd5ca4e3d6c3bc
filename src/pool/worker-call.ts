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
  let current: { worker: WorkerLike; api: Comlink.Remote<Api>; failed: Promise<never> } | undefined;
  const end = (): void => {
    current?.worker.terminate();
    current = undefined;
  };
  const open = (): NonNullable<typeof current> => {
    const worker = start();
    // A worker's error event (its script failed to load or threw) rejects what waits on it; Comlink alone would wait.
    const failed = new Promise<never>((_, reject) => worker.addEventListener('error', () => reject(new Error('the worker failed')), { once: true }));
    failed.catch(() => undefined);
    return (current = { worker, api: Comlink.wrap<Api>(worker), failed });
  };
  return {
    async call(task, fallback) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stalled = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the worker stalled')), stallMs)));
      try {
        // Inside the try: a worker that cannot even start falls back to the main thread too.
        const w = current ?? open();
        return await Promise.race([task(w.api), w.failed, stalled]);
      } catch {
        end();
        return fallback();
      } finally {
        clearTimeout(timer);
      }
    },
    end,
  };
}
