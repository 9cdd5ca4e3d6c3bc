// Thin: the engine lives in src/pattern, the API in src/pool/worker-api.ts.
import * as Comlink from 'comlink';
import { patternWorkerApi } from '../src/pool/worker-api.ts';

Comlink.expose(patternWorkerApi);
