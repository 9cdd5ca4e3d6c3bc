// Thin: builds the density field's shape (hairline ramp × treatment area) off the main thread.
import * as Comlink from 'comlink';
import { fieldWorkerApi } from '../src/pool/field-api.ts';

Comlink.expose(fieldWorkerApi);
