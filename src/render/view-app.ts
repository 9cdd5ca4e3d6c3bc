// pixi.js compiles its uniform and buffer upload code with `new Function` unless this is loaded; the app's
// Content-Security-Policy has no 'unsafe-eval', so every view renderer is made here, after it (see README, Privacy).
import 'pixi.js/unsafe-eval';
import { Application } from 'pixi.js';

/**
 * A pixi Application for an on-screen view (the main scene, the compare panes): WebGL, sized to its host, drawn on
 * demand (autoStart off), and with a drawing buffer that survives the frame so tests and screenshots read pixels.
 */
export async function createViewApp(host: HTMLElement): Promise<Application> {
  const app = new Application();
  await app.init({
    preference: 'webgl',
    resizeTo: host,
    background: '#202225',
    antialias: false,
    autoStart: false,
    autoDensity: true,
    resolution: Math.min(2, globalThis.devicePixelRatio || 1),
    preserveDrawingBuffer: true,
  });
  host.appendChild(app.canvas);
  return app;
}
