// Thin: computes the thinning-hair mask (which photo pixels are hair) off the main thread.
import * as Comlink from 'comlink';
import { maskWorkerApi } from '../src/pool/mask-api.ts';

Comlink.expose(maskWorkerApi);
