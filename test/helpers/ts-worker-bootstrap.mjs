// Loads a TypeScript worker entry through tsx inside a Node worker thread (execArgv hooks load too late there).
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
