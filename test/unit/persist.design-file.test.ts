import { describe, expect, it } from 'vitest';
import { designFor } from '../../src/app/state.ts';
import { parseBundle } from '../../src/persist/bundle.ts';
import { DesignFileError, parseDesignFile, serializeDesign, validateDesign } from '../../src/persist/design-file.ts';

const design = designFor({ width: 2400, height: 1800 }, { pxPerMm: 8, calibrated: true, source: 'ruler' });
const envelope = (d: unknown, version = 1) => JSON.stringify({ format: 'smp-design', version, design: d });

describe('design files', () => {
  it('round-trip a design exactly', () => {
    expect(parseDesignFile(serializeDesign(design))).toEqual(design);
  });

  it.each([
    ['malformed JSON', '{"format": "smp-design", "version": 1, "design": {', /not valid JSON/],
    ['another kind of JSON', '{"hello": "world"}', /not an SMP design file/],
    ['a JSON array', '[1, 2, 3]', /not an SMP design file/],
    ['a future version', envelope(design, 7), /newer version of the app/],
    ['no version', JSON.stringify({ format: 'smp-design', design }), /no valid version/],
    ['an infinite density', envelope({ ...design, dots: { ...design.dots, density: Infinity } }).replace('"density":null', '"density":1e999'), /damaged or invalid \(dots\.density/],
    ['a NaN written as a string', envelope({ ...design, scale: { ...design.scale, pxPerMm: 'NaN' } }), /scale\.pxPerMm/],
    ['a density out of range', envelope({ ...design, dots: { ...design.dots, density: 5000 } }), /dots\.density/],
    ['a huge array', envelope({ ...design, hairline: { ...design.hairline, points: Array.from({ length: 5000 }, (_, i) => ({ x: i, y: i })) } }), /hairline\.points/],
    ['a bad pigment', envelope({ ...design, dots: { ...design.dots, pigment: '<script>' } }), /dots\.pigment/],
  ])('refuse %s with a clear message', (_, text, message) => {
    expect(() => parseDesignFile(text)).toThrow(DesignFileError);
    expect(() => parseDesignFile(text)).toThrow(message);
  });

  it('refuse an oversized file before parsing it', () => {
    expect(() => parseDesignFile(' '.repeat(3_000_000))).toThrow(/too large/);
  });

  it('drop "__proto__" keys without polluting anything', () => {
    const text = envelope(design).replace('"design":{', '"design":{"__proto__":{"polluted":true},').replace('"dots":{', '"dots":{"__proto__":{"density":1},');
    const parsed = parseDesignFile(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(parsed, '__proto__')).toBe(false);
    expect(parsed.dots.density).toBe(design.dots.density);
  });

  it('open a real version-1 file: its design is kept and the new parts come at their defaults', () => {
    const { zones, treatment, skin, preview, guides, thinning, style, ...rest } = design;
    void [zones, treatment, skin, preview, guides, thinning, style];
    const v1 = { ...rest, version: 1, hairline: { ...design.hairline, gaps: undefined }, dots: { ...design.dots, dilution: undefined, density: 123 } };
    const parsed = parseDesignFile(JSON.stringify({ format: 'smp-design', version: 1, design: v1 }));
    expect(parsed.version).toBe(2);
    expect(parsed.dots.density).toBe(123);
    expect(parsed.dots.dilution).toBe(0);
    expect(parsed.hairline.gaps).toBe(0);
    expect(parsed.treatment.shares).toEqual([0.3, 0.7, 1]);
    expect(parsed.preview.session).toBe(3);
    expect(parsed.zones).toEqual([]);
    // The same design stored by an older app (autosave, bundles) is upgraded too.
    expect(validateDesign(JSON.parse(JSON.stringify(v1))).treatment.intervalDays).toBe(14);
  });

  it('refuse session shares that do not rise to 1', () => {
    expect(() => validateDesign({ ...design, treatment: { ...design.treatment, shares: [0.7, 0.3, 1] } })).toThrow(/shares/);
    expect(() => validateDesign({ ...design, treatment: { ...design.treatment, shares: [0.3, 0.7] } })).toThrow();
  });

  it('refuse a previewed session the plan does not have', () => {
    expect(() => validateDesign({ ...design, preview: { ...design.preview, session: 4 } })).toThrow(/fewer sessions/);
    expect(validateDesign({ ...design, treatment: { ...design.treatment, shares: [0.25, 0.55, 0.8, 1] }, preview: { ...design.preview, session: 4 } }).preview.session).toBe(4);
  });

  it('migrate older versions step by step', () => {
    // A format-1 file read by an app whose format is 3: each step runs in order.
    const migrations = {
      1: (f: Record<string, unknown>) => ({ ...f, design: { ...(f.design as object), note: 'from 1' } }),
      2: (f: Record<string, unknown>) => {
        const d = f.design as { dots: { density: number } };
        return { ...f, design: { ...d, dots: { ...d.dots, density: d.dots.density + 1 } } };
      },
    };
    const parsed = parseDesignFile(envelope(design), migrations, 3);
    expect(parsed.dots.density).toBe(design.dots.density + 1);
    expect(() => parseDesignFile(envelope(design), {}, 2)).toThrow(/can no longer be read/);
  });
});

describe('project bundles', () => {
  it.each([[0], [-1], [1.5], ['1']])('refuse version %j', (version) => {
    const text = JSON.stringify({ format: 'smp-project', version, design, photo: { type: 'image/png', base64: '' } });
    expect(() => parseBundle(text)).toThrow(/no valid version/);
  });

  it('refuse a newer version, read the current one', () => {
    const make = (version: number) => JSON.stringify({ format: 'smp-project', version, design, photo: { type: 'image/png', base64: 'AAEC' } });
    expect(() => parseBundle(make(2))).toThrow(/newer version/);
    expect(parseBundle(make(1)).design).toEqual(design);
  });
});
