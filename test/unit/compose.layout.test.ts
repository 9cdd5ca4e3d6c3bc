import { describe, expect, it } from 'vitest';
import { compose, exportFileName, MAX_PIXELS, MAX_SIDE, presetCanvas, STAMP_TEXT, type ComposeOptions, type Rect } from '../../src/compose/layout.ts';

const base: ComposeOptions = {
  photo: { width: 3000, height: 2000 }, layout: 'side', preset: 'original', fit: 'contain',
  labels: { before: 'Before', after: 'After' }, stamp: true, watermark: '', logo: null,
};
const inside = (r: Rect, o: Rect): boolean => r.x >= o.x && r.y >= o.y && r.x + r.width <= o.x + o.width && r.y + r.height <= o.y + o.height;

describe('compose', () => {
  it('places the panes of each layout edge to edge at full resolution', () => {
    const side = compose(base);
    expect([side.width, side.height, side.scale]).toEqual([6000, 2000, 1]);
    expect(side.panes.map((p) => [p.kind, p.dest.x, p.dest.y, p.dest.width, p.dest.height])).toEqual([['before', 0, 0, 3000, 2000], ['after', 3000, 0, 3000, 2000]]);
    const stack = compose({ ...base, layout: 'stack' });
    expect([stack.width, stack.height]).toEqual([3000, 4000]);
    expect(stack.panes[1]!.dest).toEqual({ x: 0, y: 2000, width: 3000, height: 2000 });
    // An odd width splits with no gap: the two halves' source and destination meet.
    const split = compose({ ...base, photo: { width: 3001, height: 2000 }, layout: 'split' });
    expect([split.width, split.height]).toEqual([3001, 2000]);
    const [b, a] = split.panes;
    expect(b!.src.x + b!.src.width).toBe(a!.src.x);
    expect(b!.dest.x + b!.dest.width).toBe(a!.dest.x);
    expect(a!.dest.x + a!.dest.width).toBe(3001);
    expect(split.divider!.x).toBeLessThanOrEqual(a!.dest.x);
    expect(split.divider!.x + split.divider!.width).toBeGreaterThan(a!.dest.x);
    const after = compose({ ...base, layout: 'after' });
    expect(after.panes.map((p) => p.kind)).toEqual(['after']);
    expect(after.labels.map((l) => l.text)).toEqual(['After']);
  });

  it('puts each label in its pane\'s top corner and the stamp in the after pane\'s bottom-right corner', () => {
    for (const layout of ['side', 'stack', 'split'] as const) {
      const c = compose({ ...base, layout });
      const [before, after] = c.panes;
      const [lb, la] = c.labels;
      expect(lb!.text).toBe('Before');
      expect(inside({ x: lb!.x, y: lb!.y, width: 1, height: 1 }, before!.clip)).toBe(true);
      expect(lb!.x - before!.clip.x).toBeLessThan(before!.clip.width * 0.1);
      expect(lb!.y - before!.clip.y).toBeLessThan(before!.clip.height * 0.1);
      expect(inside({ x: la!.x - 1, y: la!.y, width: 1, height: 1 }, after!.clip)).toBe(true);
      expect(la!.align).toBe(layout === 'split' ? 'right' : 'left');
      expect(c.stamp!.text).toBe(STAMP_TEXT);
      expect(c.stamp!.align).toBe('right');
      expect(c.stamp!.baseline).toBe('bottom');
      expect(after!.clip.x + after!.clip.width - c.stamp!.x).toBeLessThan(after!.clip.width * 0.1);
      expect(after!.clip.y + after!.clip.height - c.stamp!.y).toBeLessThan(after!.clip.height * 0.1);
      expect(c.stamp!.x).toBeLessThanOrEqual(after!.clip.x + after!.clip.width);
    }
    expect(compose({ ...base, stamp: false }).stamp).toBeNull();
    expect(compose({ ...base, labels: { before: '  ', after: '12 May 2026' } }).labels.map((l) => l.text)).toEqual(['12 May 2026']);
  });

  it('fits a preset\'s canvas with bands, or fills it by cropping, and turns print sizes to the picture', () => {
    expect(presetCanvas('square', { width: 10, height: 5 })).toEqual({ width: 2160, height: 2160 });
    expect(presetCanvas('a4', { width: 600, height: 200 })).toEqual({ width: 3508, height: 2480 });
    expect(presetCanvas('a4', { width: 200, height: 600 })).toEqual({ width: 2480, height: 3508 });
    expect(presetCanvas('print-10x15', { width: 200, height: 600 })).toEqual({ width: 1181, height: 1772 });
    const contain = compose({ ...base, preset: 'story' });
    expect([contain.width, contain.height]).toEqual([2160, 3840]);
    expect(contain.scale).toBeCloseTo(2160 / 6000);
    for (const p of contain.panes) expect(p.clip).toEqual(p.dest); // all of the picture shows
    expect(contain.panes[0]!.dest.y).toBeGreaterThan(1000); // centred, bands above and below
    const cover = compose({ ...base, preset: 'story', fit: 'cover' });
    expect(cover.scale).toBeCloseTo(3840 / 2000);
    expect(cover.panes[0]!.dest.x).toBeLessThan(0); // cropped at the sides
    for (const p of cover.panes) expect(inside(p.clip, { x: 0, y: 0, width: 2160, height: 3840 })).toBe(true);
    // Labels and stamp stay on the visible part.
    expect(cover.labels[0]!.x).toBeGreaterThanOrEqual(0);
    expect(cover.stamp!.x).toBeLessThanOrEqual(2160);
  });

  it('keeps a huge picture within what a browser can hold, and scales previews down', () => {
    const huge = compose({ ...base, photo: { width: 12000, height: 8000 } });
    expect(huge.width).toBeLessThanOrEqual(MAX_SIDE);
    expect(huge.width * huge.height).toBeLessThanOrEqual(MAX_PIXELS * 1.001);
    expect(huge.scale).toBeLessThan(1);
    const preview = compose({ ...base, maxSide: 400 });
    expect(Math.max(preview.width, preview.height)).toBe(400);
    expect(preview.panes[1]!.dest.x).toBe(200);
  });

  it('sizes the logo to the picture, keeps its shape, and sets it bottom left', () => {
    const c = compose({ ...base, logo: { width: 400, height: 100 } });
    expect(c.logo!.width / c.logo!.height).toBeCloseTo(4, 1);
    expect(c.logo!.x).toBeLessThan(200);
    expect(c.logo!.y + c.logo!.height).toBeGreaterThan(1800);
    expect(compose({ ...base, watermark: ' Clinic ' }).watermark).toMatchObject({ text: 'Clinic', x: 3000, y: 1000, align: 'center' });
  });
});

describe('exportFileName', () => {
  it('names a file by what it shows, never by whom, unless a name is typed; typed names are made safe', () => {
    expect(exportFileName('', 'side', 'png')).toBe('smp-before-after.png');
    expect(exportFileName('  ', 'after', 'jpeg')).toBe('smp-simulation.jpg');
    expect(exportFileName('Jane Doe.jpg', 'side', 'jpeg')).toBe('Jane Doe.jpg');
    expect(exportFileName('../../etc/passwd', 'side', 'png')).toBe('etc-passwd.png');
    expect(exportFileName('a\u0000b:c*?"<>|d', 'side', 'png')).toBe('a-b-c-d.png');
    expect(exportFileName('...', 'split', 'png')).toBe('smp-before-after.png');
    expect(exportFileName('x'.repeat(300), 'side', 'png')).toHaveLength(104);
  });
});

describe('small pictures', () => {
  it('shrink the stamp and labels to fit their pane', () => {
    const c = compose({ ...base, photo: { width: 64, height: 48 }, layout: 'after' });
    // Estimated width (0.62 em a character and the padding) stays inside the pane.
    expect(c.stamp!.size * (0.62 * STAMP_TEXT.length + 0.9)).toBeLessThanOrEqual(64);
    expect(c.stamp!.size).toBeGreaterThanOrEqual(4);
  });
});
