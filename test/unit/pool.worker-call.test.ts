import * as Comlink from 'comlink';
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createWorkerCaller, type WorkerLike } from '../../src/pool/worker-call.ts';

type Api = { double(n: number): number };
const api: Api = { double: (n) => 2 * n };

/** A stand-in Worker: a message channel with the API exposed at its far end; it can fail (an error event) or hang. */
function fakeWorker(how: 'works' | 'fails' | 'hangs', started: { n: number; ended: number }): WorkerLike {
  started.n++;
  const { port1, port2 } = new MessageChannel();
  // A worker whose script failed never answers; its error event is all there is.
  if (how === 'works') Comlink.expose(api, port2 as never);
  const errors = new EventTarget();
  if (how === 'fails') setTimeout(() => errors.dispatchEvent(new Event('error')), 5);
  const port = port1 as unknown as Comlink.Endpoint;
  return {
    postMessage: (m, t) => port.postMessage(m, t),
    addEventListener: (type, l, o) => (type === 'error' ? errors.addEventListener(type, l, o) : port.addEventListener(type, l, o)),
    removeEventListener: (type, l, o) => (type === 'error' ? errors.removeEventListener(type, l, o) : port.removeEventListener(type, l, o)),
    start: () => port1.start(),
    terminate: () => {
      started.ended++;
      port1.close();
      port2.close();
    },
  };
}

describe('a worker caller', () => {
  it('runs tasks on one worker, started on first use and kept', async () => {
    const started = { n: 0, ended: 0 };
    const caller = createWorkerCaller<Api>(() => fakeWorker('works', started), 1000);
    expect(started.n).toBe(0);
    expect(await caller.call((w) => w.double(4), () => -1)).toBe(8);
    expect(await caller.call((w) => w.double(5), () => -1)).toBe(10);
    expect(started).toEqual({ n: 1, ended: 0 });
    caller.end();
    expect(started.ended).toBe(1);
  });

  it('falls back to the main thread when the worker stalls or cannot start, and replaces it', async () => {
    const started = { n: 0, ended: 0 };
    const kinds: ('works' | 'hangs' | 'throws')[] = ['hangs', 'throws', 'works'];
    const caller = createWorkerCaller<Api>(() => {
      const how = kinds.shift()!;
      if (how === 'throws') throw new Error('no workers here');
      return fakeWorker(how, started);
    }, 100);
    expect(await caller.call((w) => w.double(2), () => -2)).toBe(-2); // no answer within 100 ms
    expect(await caller.call((w) => w.double(3), () => -3)).toBe(-3); // new Worker threw
    expect(await caller.call((w) => w.double(4), () => -4)).toBe(8); // a fresh one that works
    expect(started).toEqual({ n: 2, ended: 1 });
    caller.end();
  });

  // The stall limit here is far longer than the test's own timeout: these calls pass only by not waiting for it.
  it("a worker's error event fails the calls waiting on it at once", async () => {
    const started = { n: 0, ended: 0 };
    const caller = createWorkerCaller<Api>(() => fakeWorker('fails', started), 60_000);
    expect(await Promise.all([caller.call((w) => w.double(1), () => -1), caller.call((w) => w.double(2), () => -2)])).toEqual([-1, -2]);
    expect(started).toEqual({ n: 1, ended: 1 });
  });

  it('a call that fails ends only its own worker, and frees the calls still waiting on it', async () => {
    const started = { n: 0, ended: 0 };
    const kinds: ('works' | 'hangs')[] = ['hangs', 'works'];
    const caller = createWorkerCaller<Api>(() => fakeWorker(kinds.shift()!, started), 60_000);
    const waiting = caller.call((w) => w.double(1), () => -1); // on the hanging worker
    expect(await caller.call(() => Promise.reject(new Error('bad input')), () => -2)).toBe(-2);
    expect(await waiting).toBe(-1);
    expect(await caller.call((w) => w.double(3), () => -3)).toBe(6); // a new worker
    caller.end();
    expect(started).toEqual({ n: 2, ended: 2 });
  });
});
