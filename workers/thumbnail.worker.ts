// Thin: makes the autosave's project thumbnail off the main thread.
import * as Comlink from 'comlink';
import { thumbnailOf, type ThumbnailWorkerApi } from '../src/photo/thumbnail.ts';

Comlink.expose({ thumbnail: thumbnailOf } satisfies ThumbnailWorkerApi);
