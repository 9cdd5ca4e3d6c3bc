import { describe, expect, it } from 'vitest';
import { designFor } from '../../src/app/state.ts';
import { gapFactor, makeHairlineRamp } from '../../src/design/density-field.ts';
import { guideNote, guideReport, hairlineHeightAboveGlabellaCm } from '../../src/design/guides.ts';
import { applyStyle, editStyleParams, STYLE_PRESETS } from '../../src/design/hairline-style.ts';
import type { Design } from '../../src/design/types.ts';

const PPM = 8;
const base = designFor({ width: 1600, height: 1200 }, { pxPerMm: PPM, calibrated: true, source: 'demo' }, undefined, 's');
/** A straight hairline along y = 600 from x = 0 to 1600 (mirror about 800). */
const flat = (patch: Partial<Design['hairline']> = {}): Design => ({
  ...base,
  hairline: { points: [{ x: 0, y: 600 }, { x: 800, y: 600 }], mirror: true, midlineX: 800, bandMm: 8, irregularity: 0, gaps: 0, ...patch },
});

describe('hairline styles', () => {
  it('each named style sets its band, irregularity and gaps; custom keeps the values', () => {
    const soft = applyStyle(flat(), 'soft');
    expect(soft.style).toBe('soft');
    expect(soft.hairline).toMatchObject({ bandMm: 10, irregularity: 1, gaps: 0 });
    const broken = applyStyle(soft, 'broken');
    expect(broken.hairline).toMatchObject({ bandMm: 8, gaps: 0.6 });
    const sharp = applyStyle(broken, 'sharp');
    expect(sharp.hairline).toMatchObject({ bandMm: 2, irregularity: 0.25, gaps: 0 });
    expect(sharp.hairline.points).toEqual(flat().hairline.points); // the shape stays
    const custom = applyStyle(sharp, 'custom');
    expect(custom.style).toBe('custom');
    expect(custom.hairline).toEqual(sharp.hairline);
    // The band widths are ordered as the names say.
    expect(STYLE_PRESETS.sharp.bandMm).toBeLessThan(STYLE_PRESETS.broken.bandMm);
    expect(STYLE_PRESETS.broken.bandMm).toBeLessThan(STYLE_PRESETS.soft.bandMm);
  });

  it('a new design is in the soft style with its values', () => {
    expect(base.style).toBe('soft');
    expect(base.hairline).toMatchObject(STYLE_PRESETS.soft);
  });

  it('editing the band, irregularity or gaps by hand makes the style custom; a no-op edit does not', () => {
    const soft = applyStyle(flat(), 'soft');
    expect(editStyleParams(soft, { bandMm: 10 })).toBe(soft);
    expect(editStyleParams(soft, { bandMm: 12 })).toMatchObject({ style: 'custom', hairline: { bandMm: 12, irregularity: 1 } });
    expect(editStyleParams(soft, { irregularity: 0.5 }).style).toBe('custom');
    expect(editStyleParams(soft, { gaps: 0.3 }).hairline.gaps).toBe(0.3);
  });
});

describe('gaps in the hairline band', () => {
  const samples = (d: Design, depthMm: number): number[] => {
    const ramp = makeHairlineRamp(d);
    return Array.from({ length: 400 }, (_, i) => ramp({ x: 2 + i * 4, y: 600 - depthMm * PPM }));
  };

  it('gaps 0 leaves the ramp exactly as it was (the same numbers as the formula without gaps)', () => {
    const d = flat({ bandMm: 10, irregularity: 0 });
    // Without wander the ramp is the smoothstep of the depth in the band.
    const s = samples(d, 3);
    const t = 3 / 10;
    for (const v of s) expect(v).toBeCloseTo(t * t * (3 - 2 * t), 12);
    expect(gapFactor(0.99, 0, 0)).toBe(1); // the factor itself opens nothing at gaps 0
  });

  it('gaps > 0 opens bare stretches several mm long along the front of the band, fuller clumps between them, and leaves the back full', () => {
    const plain = flat({ bandMm: 10, irregularity: 1, gaps: 0 });
    const broken = flat({ bandMm: 10, irregularity: 1, gaps: 0.6 });
    const front0 = samples(plain, 4), front = samples(broken, 4);
    const mean = (a: number[]): number => a.reduce((x, y) => x + y, 0) / a.length;
    // A real share of the band's front is bare or nearly (where it had ink without gaps)…
    const inked = front0.map((v, i) => (v > 0.2 ? i : -1)).filter((i) => i >= 0);
    const bareShare = (f: number[]): number => inked.filter((i) => f[i]! < 0.25 * front0[i]!).length / inked.length;
    expect(bareShare(front)).toBeGreaterThan(0.15);
    expect(bareShare(front)).toBeLessThan(0.75);
    // …and between the gaps the band is fuller than without them (clumps that the gaps read against).
    expect(inked.filter((i) => front[i]! > 1.2 * front0[i]!).length / inked.length).toBeGreaterThan(0.2);
    // …in runs several mm long (not dot-sized speckle): the mean run of bare samples (0.5 mm apart) ≥ 3 mm. The
    // share of the density a gap leaves is front / front0 wherever there was density to take.
    const isBare = front.flatMap((v, i) => (front0[i]! > 0 ? [v < 0.25 * front0[i]!] : []));
    const runs: number[] = [];
    let run = 0;
    for (const b of [...isBare, false]) {
      if (b) run++;
      else if (run) {
        runs.push(run);
        run = 0;
      }
    }
    expect(runs.length).toBeGreaterThan(3);
    expect(mean(runs) * 0.5).toBeGreaterThan(3);
    // Past the band the density is whole.
    expect(samples(broken, 16).every((v) => v === 1)).toBe(true);
    // More gaps open more.
    expect(bareShare(samples(flat({ bandMm: 10, irregularity: 1, gaps: 1 }), 4))).toBeGreaterThan(bareShare(front) + 0.1);
  });
});

describe('front-view guides', () => {
  const guided = (g: Partial<Design['guides']>, patch: Partial<Design['hairline']> = {}, calibrated = true): Design => ({
    ...flat(patch),
    scale: { pxPerMm: PPM, calibrated, source: calibrated ? 'ruler' : 'default' },
    guides: { ...base.guides, ...g },
  });

  it('the guide line is heightMm above the glabella', () => {
    const r = guideReport(guided({ glabella: { x: 800, y: 1100 } }));
    expect(r.guideY).toBe(1100 - 80 * PPM);
    expect(r.governs).toBe('glabella');
    expect(guideReport(guided({ glabella: { x: 800, y: 1100 }, heightMm: 70 })).guideY).toBe(1100 - 70 * PPM);
  });

  it('with a brow crease the line is also at least browMm above it, and says which rule governs', () => {
    // A crease 60 mm below the glabella line: 17 mm above it is lower than 80 mm above the glabella.
    const low = guideReport(guided({ glabella: { x: 800, y: 1100 }, browCrease: { x: 800, y: 1060 } }));
    expect(low.guideY).toBe(1100 - 80 * PPM);
    expect(low.browLineY).toBe(1060 - 17 * PPM);
    expect(low.governs).toBe('glabella');
    // A high crease (a tall forehead's top line): its 17 mm rule puts the line higher, so it governs.
    const high = guideReport(guided({ glabella: { x: 800, y: 1100 }, browCrease: { x: 820, y: 500 } }));
    expect(high.guideY).toBe(500 - 17 * PPM);
    expect(high.governs).toBe('brow');
    // The crease alone is enough for a line.
    expect(guideReport(guided({ browCrease: { x: 800, y: 900 }, browMm: 20 }))).toMatchObject({ guideY: 900 - 20 * PPM, governs: 'brow' });
    expect(guideReport(guided({})).guideY).toBeNull();
  });

  it("measures the hairline centre's height above the glabella on the glabella's vertical", () => {
    // Hairline at y 600, glabella at y 1100: 500 px = 62.5 mm.
    const d = guided({ glabella: { x: 800, y: 1100 } });
    expect(guideReport(d).centreAboveGlabellaMm).toBeCloseTo(62.5, 6);
    expect(hairlineHeightAboveGlabellaCm(d)).toBeCloseTo(6.25, 6);
    // A curved hairline: measured where the curve crosses the glabella's x, not at a control point.
    const curved = guided({ glabella: { x: 700, y: 1100 } }, { points: [{ x: 200, y: 400 }, { x: 800, y: 500 }] });
    const r = guideReport(curved).centreAboveGlabellaMm!;
    expect(r).toBeGreaterThan((1100 - 500) / PPM);
    expect(r).toBeLessThan((1100 - 400) / PPM);
    // No glabella, or no calibrated scale: no figure for the sheet.
    expect(hairlineHeightAboveGlabellaCm(guided({}))).toBeNull();
    expect(hairlineHeightAboveGlabellaCm(guided({ glabella: { x: 800, y: 1100 } }, {}, false))).toBeNull();
  });

  it('warns, gently, when the hairline centre is below the guide, by how much; not when it is above', () => {
    const low = guideReport(guided({ glabella: { x: 800, y: 1100 } })); // 62.5 mm up, guide at 80
    expect(low.warning?.lowMm).toBeCloseTo(17.5, 6);
    expect(low.warning?.text).toMatch(/17\.5 mm below the guide \(8 cm above glabella\)/);
    expect(low.warning?.templesOut).toEqual([]);
    const ok = guideReport(guided({ glabella: { x: 800, y: 1100 } }, { points: [{ x: 0, y: 400 }, { x: 800, y: 400 }] })); // 87.5 mm
    expect(ok.warning).toBeNull();
    expect(guideNote(guided({ glabella: { x: 800, y: 1100 } }, { points: [{ x: 0, y: 400 }, { x: 800, y: 400 }] }))).toBe('');
    // Uncalibrated: no mm, and the note says the scale is not set.
    const guess = guided({ glabella: { x: 800, y: 1100 } }, {}, false);
    expect(guideReport(guess).warning).toBeNull();
    expect(guideNote(guess)).toMatch(/scale is not set/);
    expect(guideNote(guided({}))).toBe('');
  });

  it('temple lines run through the outer eye corners; a hairline end outside them warns', () => {
    // The hairline spans x 0–1600; eyes at 300 and 1300 → its ends are 37.5 mm outside each line.
    const wide = guideReport(guided({ glabella: { x: 800, y: 1100 }, leftEye: { x: 300, y: 1150 }, rightEye: { x: 1300, y: 1150 } }, { points: [{ x: 0, y: 400 }, { x: 800, y: 400 }] }));
    expect(wide.templeX).toEqual({ left: 300, right: 1300 });
    expect(wide.warning?.lowMm).toBeNull();
    expect(wide.warning?.templesOut).toEqual([{ side: 'left', mm: 37.5 }, { side: 'right', mm: 37.5 }]);
    expect(wide.warning?.text).toMatch(/left temple corner sits 37\.5 mm outside/);
    // Ends on the lines (within the tolerance): no warning.
    const inLine = guideReport(guided({ leftEye: { x: 10, y: 1150 }, rightEye: { x: 1590, y: 1150 } }));
    expect(inLine.warning).toBeNull();
  });
});
