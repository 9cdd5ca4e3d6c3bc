import type { AppState } from './state.ts';
import { svg, SVG_NS } from './tools/tool.ts';

/** An SVG layer over the canvas whose group follows the view, so tools draw in photo px. */
export function createOverlay(host: HTMLElement): { root: SVGSVGElement; layer: SVGGElement; update(s: AppState): void } {
  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('class', 'overlay');
  root.setAttribute('aria-hidden', 'true');
  host.appendChild(root);
  const layer = svg('g', {}, root);
  return {
    root,
    layer,
    update(s) {
      const { scale, x, y } = s.view;
      layer.setAttribute('transform', `matrix(${scale} 0 0 ${scale} ${x} ${y})`);
    },
  };
}
