// bench:pattern's probe of thread placement: the engine's bands, run as the pool's workers run them, reporting which
// CPU the thread was on when it started and ended (Linux: /proc/thread-self/stat). Not part of the app.
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { generateBands, type DotColumns } from '../src/pattern/generate.ts';
import type { PatternRequest } from '../src/pattern/types.ts';

/** The CPU this thread last ran on (field 39 of /proc/thread-self/stat), or -1 where there is no such file. */
function currentCpu(): number {
  try {
    const s = readFileSync('/proc/thread-self/stat', 'utf8');
    return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[36]);
  } catch {
    return -1;
  }
}

let spare: DotColumns | undefined;
parentPort?.on('message', ({ request, b0, b1 }: { request: PatternRequest; b0: number; b1: number }) => {
  const first = currentCpu();
  spare = generateBands(request, b0, b1, spare);
  parentPort!.postMessage([first, currentCpu()]);
});
