import { describe, expect, it } from 'vitest';
import { designFor } from '../../src/app/state.ts';
import { addPane, alternativeDensity, MAX_PANES, MIN_PANES, openCompare, paneDesign, paneNeedsOwnDots, paneOf, paneSizeScale, paneViewFrom, removePane, updatePane } from '../../src/compose/compare-panes.ts';
import { LIMITS } from '../../src/design/types.ts';

const d = designFor({ width: 2000, height: 1500 }, { pxPerMm: 8, calibrated: true, source: 'ruler' });
const view = { scale: 1, x: 0, y: 0 };

describe('compare panes', () => {
  it('opens on the design as it is and the same at another density', () => {
    const c = openCompare(d, view);
    expect(c.panes).toHaveLength(2);
    expect(paneDesign(d, c.panes[0]!)).toEqual(d);
    expect(c.panes[1]!.density).not.toBe(d.dots.density);
    expect(alternativeDensity(250)).toBeLessThan(250);
  });

  it('adds panes up to four, each at a density none shows yet, and removes down to two', () => {
    let c = openCompare(d, view);
    for (let i = 0; i < 5; i++) c = addPane(c);
    expect(c.panes).toHaveLength(MAX_PANES);
    expect(new Set(c.panes.map((p) => p.density)).size).toBe(MAX_PANES);
    expect(new Set(c.panes.map((p) => p.id)).size).toBe(MAX_PANES);
    for (const p of [...c.panes]) c = removePane(c, p.id);
    expect(c.panes).toHaveLength(MIN_PANES);
  });

  it('keeps a pane inside the limits, and its session inside the treatment', () => {
    const c = openCompare(d, view);
    const id = c.panes[1]!.id;
    const p = updatePane(c, d, id, { density: 9999, diameterMm: 0, session: 7 }).panes[1]!;
    expect(p).toMatchObject({ density: LIMITS.density.max, diameterMm: LIMITS.diameterMm.min, session: d.treatment.shares.length });
  });

  it('makes the pane design: density, dot size, session and style, and says when it needs dots of its own', () => {
    const p = { ...paneOf(d, 3), density: 160, diameterMm: 0.18, session: 1 };
    const q = paneDesign(d, p);
    expect(q.dots).toMatchObject({ density: 160, diameterMm: 0.18 });
    expect(q.preview.session).toBe(1);
    expect(q.hairline).toBe(d.hairline);
    expect(paneSizeScale(d, p)).toBeCloseTo(1.5, 6);
    expect(paneNeedsOwnDots(d, p)).toBe(false);
    const sharp = { ...p, style: 'sharp' as const };
    expect(paneDesign(d, sharp).style).toBe('sharp');
    expect(paneDesign(d, sharp).hairline.bandMm).not.toBe(d.hairline.bandMm);
    expect(paneNeedsOwnDots(d, sharp)).toBe(true);
    // With the helmet look previewed every style's dots are the same hard-edged ones: the main pattern serves.
    const helmet = { ...d, preview: { ...d.preview, risks: { ...d.preview.risks, helmet: true } } };
    expect(paneNeedsOwnDots(helmet, sharp)).toBe(false);
  });

  it('opens panes on the main view with the same photo point at their centre', () => {
    const main = { scale: 2, x: -300, y: -100 };
    const v = paneViewFrom(main, { width: 800, height: 600 }, { width: 400, height: 300 });
    const centre = (w: { scale: number; x: number; y: number }, W: number, H: number) => [(W / 2 - w.x) / w.scale, (H / 2 - w.y) / w.scale];
    expect(centre(v, 400, 300)).toEqual(centre(main, 800, 600));
  });
});
