import { el } from './controls.ts';
import type { PipelineStatus } from './pipeline.ts';
import type { AppState } from './state.ts';

/**
 * The status bar: dots drawn, the scale (with a visible "Not calibrated" badge until it is), and notices.
 * Its data- attributes let tests wait for the picture that matches the current design.
 */
export function createStatusBar(): { bar: HTMLElement; showState(s: AppState): void; showPipeline(p: PipelineStatus, ready: boolean): void } {
  const dots = el('span', { 'data-testid': 'dot-count' });
  const scale = el('span', { class: 'badge', 'data-testid': 'scale-badge' });
  const notice = el('div', { class: 'notice', role: 'alert', 'data-testid': 'notice' });
  const dismiss = el('button', { type: 'button', class: 'dismiss', 'aria-label': 'Dismiss message' }, '×');
  const bar = el('div', { class: 'status', role: 'status' }, dots, scale, notice);
  return {
    bar,
    showState(s) {
      const sc = s.design.scale;
      scale.textContent = sc.calibrated ? `Calibrated: ${sc.pxPerMm.toFixed(2)} px/mm (${sc.source})` : `Not calibrated: ${sc.pxPerMm.toFixed(2)} px/mm assumed`;
      scale.dataset.calibrated = String(sc.calibrated);
      if (s.notice) {
        notice.replaceChildren(s.notice.text, dismiss);
        notice.dataset.kind = s.notice.kind;
      } else {
        notice.replaceChildren();
        delete notice.dataset.kind;
      }
    },
    showPipeline(p, ready) {
      dots.textContent = `${p.dots.toLocaleString('en-US')} dots`;
      bar.dataset.generation = String(p.generation);
      bar.dataset.dots = String(p.dots);
      bar.dataset.ready = String(ready);
    },
  };
}
