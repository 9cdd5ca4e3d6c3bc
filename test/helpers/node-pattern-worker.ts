// The Node twin of workers/pattern.worker.ts, for tests and benchmarks: the same API over worker_threads.
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { parentPort } from 'node:worker_threads';
import { patternWorkerApi } from '../../src/pool/worker-api.ts';

Comlink.expose(patternWorkerApi, nodeEndpoint(parentPort!));
