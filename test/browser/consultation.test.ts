import { describe, expect, it } from 'vitest';
import { hairlineHeightAboveGlabellaCm } from '../../src/design/guides.ts';
import type { Design } from '../../src/design/types.ts';
import { openPage, settled } from './harness.ts';

/** Set SHOT_DIR to keep the screenshot of the printed sheet. */
const SHOT_DIR = process.env.SHOT_DIR;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the page's state, patched loosely by the test
type Smp = { store: { update(f: (s: any) => any): void; get(): { design: Design } } };

describe('consultation sheet', () => {
  it('prints the pictures, the figures and the statement, and only the sheet', async () => {
    const page = await openPage('/');
    await settled(page);
    // A planned treatment: sessions from 1 December 2026, three weeks apart.
    await page.evaluate(() => {
      (globalThis as never as { smp: Smp }).smp.store.update((s) => ({ ...s, design: { ...s.design, dots: { ...s.design.dots, density: 120 }, treatment: { ...s.design.treatment, startDate: '2026-12-01', intervalDays: 21 } } }));
    });
    await settled(page);
    await page.locator('#c-consult-date').fill('2026-11-21');
    await page.locator('#c-consult-client').fill('Sample Client');
    // The print dialog is the browser's; here it is counted instead of shown.
    await page.evaluate(() => {
      const w = window as never as { printed: number; print: () => void };
      w.printed = 0;
      w.print = () => void w.printed++;
    });
    await page.getByTestId('print-sheet').click();
    await page.waitForFunction(() => (window as never as { printed: number }).printed === 1);

    // On screen the sheet is hidden and the app shows.
    await expect(page.getByTestId('consult-sheet').isVisible()).resolves.toBe(false);
    await expect(page.locator('#app').isVisible()).resolves.toBe(true);

    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('consult-sheet').isVisible()).resolves.toBe(true);
    await expect(page.locator('#app').isVisible()).resolves.toBe(false);
    const text = await page.getByTestId('consult-sheet').innerText();
    for (const want of [
      'Date: 21 November 2026',
      'Client: Sample Client',
      'This picture is a simulation, not a guarantee of the result.',
      '120 dots per cm²',
      '0.12 mm healed',
      'Espresso (#2b2622), not diluted',
      'Known scale of the demo photo (8 px per mm)',
      '1 December 2026',
      '22 December 2026',
      '12 January 2027',
      '36 dots per cm²',
      'After session 3 of 3',
    ]) expect(text).toContain(want);
    expect(text).toMatch(/Hairline height\s+Not measured \(no glabella marked on the photo\)/);

    if (SHOT_DIR) await page.screenshot({ path: `${SHOT_DIR}/sheet-print.png`, fullPage: true });

    // The pictures: the whole photo and a hairline close-up, before and after, drawn from the scene.
    const pictures = await page.evaluate(() => {
      const pixels = (id: string) => {
        const c = document.querySelector<HTMLCanvasElement>(`[data-testid="${id}"]`)!;
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        const luma = new Float32Array(d.length / 4).map((_, i) => 0.2126 * d[4 * i]! + 0.7152 * d[4 * i + 1]! + 0.0722 * d[4 * i + 2]!);
        return { width: c.width, height: c.height, luma, shownWidth: c.getBoundingClientRect().width };
      };
      const pair = (before: string, after: string) => {
        const b = pixels(before), a = pixels(after);
        let drop = 0, dots = 0;
        for (let i = 0; i < b.luma.length; i++) {
          drop += b.luma[i]! - a.luma[i]!;
          // A pixel a dot darkens clearly: the dots one by one.
          if (b.luma[i]! - a.luma[i]! > 25) dots++;
        }
        return { width: a.width, height: a.height, shownWidth: a.shownWidth, sameSize: a.width === b.width && a.height === b.height, meanDrop: drop / b.luma.length, dotShare: dots / b.luma.length };
      };
      return { whole: pair('sheet-before', 'sheet-after'), detail: pair('sheet-detail-before', 'sheet-detail-after') };
    });
    expect(pictures.whole).toMatchObject({ width: 1200, height: 900, sameSize: true });
    expect(pictures.detail).toMatchObject({ width: 900, height: 600, sameSize: true });
    expect(pictures.whole.shownWidth).toBeGreaterThan(200);
    // The whole head at half size: dots under a pixel are a faint tone; in the close-up they are dots.
    expect(pictures.whole.meanDrop).toBeGreaterThan(0.1);
    expect(pictures.detail.dotShare).toBeGreaterThan(0.005);
    expect(pictures.detail.dotShare).toBeGreaterThan(pictures.whole.dotShare * 2);

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    // The pictures are in it (far more than a page of text), and the sheet fits one A4 page.
    expect(pdf.byteLength).toBeGreaterThan(100_000);
    expect(new TextDecoder('latin1').decode(pdf).match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    if (SHOT_DIR) (await import('node:fs')).writeFileSync(`${SHOT_DIR}/sheet.pdf`, pdf);
  });

  it('prints figures as they are when printed from the browser menu, with no client name unless typed', async () => {
    const page = await openPage('/');
    await settled(page);
    await page.evaluate(() => {
      // A glabella marked 50 mm (8 px/mm) below the hairline's centre: the sheet gives the height in cm.
      (globalThis as never as { smp: Smp }).smp.store.update((s) => ({
        ...s,
        design: { ...s.design, dots: { ...s.design.dots, density: 77, dilution: 0.2 }, guides: { ...s.design.guides, glabella: { x: 1200, y: 1363 + 400 } } },
      }));
    });
    await settled(page);
    const design = await page.evaluate(() => (globalThis as never as { smp: Smp }).smp.store.get().design);
    const heightCm = hairlineHeightAboveGlabellaCm(design);
    expect(heightCm).toBeCloseTo(5, 0);
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    const text = await page.getByTestId('consult-sheet').innerText();
    expect(text).toContain('77 dots per cm²');
    expect(text).toContain('diluted 20%');
    expect(text).toContain('first session');
    expect(text).toContain('+14 days');
    expect(text).not.toContain('Client:');
    expect(text).toMatch(new RegExp(`Hairline height\\s+${heightCm!.toFixed(1)} cm above the glabella`));
  });
});
