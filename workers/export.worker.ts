// Thin: full-resolution before/after export (pixi.js on an OffscreenCanvas, tiles, 2D composition, encoding).
import * as Comlink from 'comlink';
import { createExportWorkerApi } from '../src/render/offscreen-export.ts';

Comlink.expose(createExportWorkerApi());
