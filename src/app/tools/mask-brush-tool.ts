import type { MaskEdit } from '../../design/types.ts';
import { strokeTool } from './brush-tool.ts';
import { svg, type ToolFactory } from './tool.ts';

/**
 * Corrects the thinning-hair mask: a drag is one stroke that marks hair ('hair': no dots there) or visible scalp
 * ('scalp': dots allowed) with the brush size of the moment it started, growing live as one undoable step. A circle
 * of the brush size follows the pointer.
 */
export function maskBrushTool(mode: MaskEdit['mode']): ToolFactory {
  return strokeTool<MaskEdit>({
    id: mode === 'hair' ? 'mask-hair' : 'mask-scalp',
    edits: (d) => d.thinning.edits,
    withEdits: (d, edits) => ({ ...d, thinning: { ...d.thinning, edits } }),
    start: (p, s) => ({ mode, sizeMm: s.brush.sizeMm, points: [{ x: p.x, y: p.y }] }),
    cursor(layer, at, r) {
      svg('circle', { cx: at.x, cy: at.y, r, class: 'brush-halo' }, layer);
      svg('circle', { cx: at.x, cy: at.y, r, class: `brush-cursor mask-${mode}`, 'data-testid': 'mask-brush-cursor' }, layer);
    },
  });
}
