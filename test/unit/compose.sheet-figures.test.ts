import { describe, expect, it } from 'vitest';
import { designFor } from '../../src/app/state.ts';
import { addDays } from '../../src/realism/sessions.ts';
import { detailRegion, figure, wholeRegion, formatDate, hairlineText, localIsoDate, pigmentText, scaleText, sessionRows, sheetFigures, SIMULATION_STATEMENT } from '../../src/compose/sheet-figures.ts';
import type { Design } from '../../src/design/types.ts';

const SWATCHES = [{ name: 'Espresso', hex: '#2b2622' }, { name: 'Black', hex: '#161415' }];
const design = (patch: (d: Design) => void = () => undefined): Design => {
  const d = designFor({ width: 2000, height: 1500 }, { pxPerMm: 8, calibrated: true, source: 'ruler' });
  patch(d);
  return d;
};

describe('consultation sheet figures', () => {
  it('writes dates out and counts calendar days across months, years and leap days', () => {
    expect(formatDate('2026-12-01')).toBe('1 December 2026');
    expect(formatDate('2026-02-30')).toBe('2026-02-30');
    expect(formatDate('')).toBe('');
    expect(addDays('2026-12-20', 14)).toBe('2027-01-03');
    expect(addDays('2028-02-20', 10)).toBe('2028-03-01');
    expect(addDays('nope', 1)).toBeNull();
    expect(localIsoDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });

  it('gives each session its share, density and date from the start date and interval', () => {
    const rows = sessionRows(design((d) => {
      d.dots.density = 120;
      d.treatment = { ...d.treatment, shares: [0.3, 0.7, 1], intervalDays: 21, startDate: '2026-12-01' };
    }));
    expect(rows).toEqual([
      { label: 'Session 1', share: '30% of the final density', density: '36 dots per cm²', when: '1 December 2026' },
      { label: 'Session 2', share: '70% of the final density', density: '84 dots per cm²', when: '22 December 2026' },
      { label: 'Session 3', share: '100% of the final density', density: '120 dots per cm²', when: '12 January 2027' },
    ]);
  });

  it('without a start date, gives sessions as offsets from the first', () => {
    const rows = sessionRows(design((d) => (d.treatment = { ...d.treatment, shares: [0.25, 0.5, 0.75, 1], intervalDays: 14, startDate: '' })));
    expect(rows.map((r) => r.when)).toEqual(['first session', '+14 days', '+28 days', '+42 days']);
  });

  it('names the pigment and its dilution, or calls it custom', () => {
    expect(pigmentText('#2B2622', 0, SWATCHES)).toBe('Espresso (#2b2622), not diluted');
    expect(pigmentText('#123456', 0.25, SWATCHES)).toBe('Custom colour (#123456), diluted 25%');
  });

  it('gives the hairline height only on a calibrated photo, and says why not otherwise', () => {
    expect(hairlineText(8.04, true)).toBe('8.0 cm above the glabella (centre of the hairline)');
    expect(hairlineText(8, false)).toMatch(/^Not measured \(the photo is not calibrated\)/);
    expect(hairlineText(null, true)).toMatch(/no glabella/);
  });

  it('says where the scale came from', () => {
    expect(scaleText({ pxPerMm: 7.5, calibrated: true, source: 'pupils' })).toMatch(/pupils \(7\.5 px per mm\)/);
    expect(scaleText({ pxPerMm: 7.5, calibrated: true, source: 'ruler' })).toMatch(/ruler/);
    expect(scaleText({ pxPerMm: 6, calibrated: false, source: 'default' })).toMatch(/^Not calibrated/);
  });

  it('collects the figures, the typed client name only, and the statement', () => {
    const d = design((x) => {
      x.dots = { ...x.dots, density: 90, diameterMm: 0.125, spreadMm: 0.02, pigment: '#161415', dilution: 0.1 };
      x.preview = { ...x.preview, session: 2, days: 30 };
    });
    const f = sheetFigures({ design: d, consultationDate: '2026-11-21', clientName: '  ', hairlineHeightCm: 7.86, swatches: SWATCHES });
    expect(f.client).toBeNull();
    expect(f.date).toBe('21 November 2026');
    const row = (label: string): string | undefined => f.rows.find((r) => r.label === label)?.value;
    expect(row('Density')).toBe('90 dots per cm²');
    expect(row('Dot size')).toBe('0.125 mm healed (± 0.02 mm)');
    expect(row('Pigment')).toBe('Black (#161415), diluted 10%');
    expect(row('Hairline height')).toBe('7.9 cm above the glabella (centre of the hairline)');
    expect(row('The picture shows')).toBe('After session 2 of 3, 30 days on');
    expect(f.statement).toBe(SIMULATION_STATEMENT);
    expect(sheetFigures({ design: d, consultationDate: '2026-11-21', clientName: ' J. Doe ', hairlineHeightCm: null, swatches: SWATCHES }).client).toBe('J. Doe');
    expect(figure(100)).toBe('100');
  });

  it('fits the whole photo for the sheet, and frames a close-up of the hairline centre inside the photo', () => {
    expect(wholeRegion({ width: 2400, height: 1800 }, 1200)).toEqual({ x: 0, y: 0, width: 2400, height: 1800, scale: 0.5 });
    expect(wholeRegion({ width: 800, height: 600 }, 1200).scale).toBe(1);
    const d = design();
    const hairlineY = Math.max(...d.hairline.points.map((p) => p.y));
    const r = detailRegion(d, 50, 900);
    expect(r.width).toBe(400);
    expect(r.x + r.width / 2).toBeCloseTo(d.hairline.midlineX, 6);
    // Three quarters behind the hairline (above it in the photo), one in front.
    expect(hairlineY - r.y).toBeCloseTo(r.height * 0.75, 6);
    expect(r.scale).toBeCloseTo(2.25, 6);
    // Near an edge it slides inside the photo.
    const edge = design((x) => (x.hairline = { ...x.hairline, midlineX: 10, points: x.hairline.points.map((p) => ({ ...p, y: 30 })) }));
    const e = detailRegion(edge);
    expect(e.x).toBe(0);
    expect(e.y).toBe(0);
  });
});
