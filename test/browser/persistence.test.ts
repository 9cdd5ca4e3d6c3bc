import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { elementPixels, openPage, settled } from './harness.ts';

const gen = (page: Page): Promise<number> => page.evaluate(() => Number(document.querySelector('.status')?.getAttribute('data-generation') ?? -1));
type Smp = { store: { get(): { design: object; view: object }; update(f: (s: object) => object): void }; autosave: { flush(): Promise<void>; idle(): Promise<void> } };
const design = (page: Page): Promise<string> => page.evaluate(() => JSON.stringify((globalThis as never as { smp: Smp }).smp.store.get().design));
const fixedView = async (page: Page): Promise<void> => {
  await page.evaluate(() => (globalThis as never as { smp: Smp }).smp.store.update((s) => ({ ...s, view: { scale: 1, x: -850, y: -900 } })));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
};
const pixels = async (page: Page): Promise<Uint8Array> => (await elementPixels(page.getByTestId('view'))).data;
async function change(page: Page, act: () => Promise<void>): Promise<void> {
  const g = await gen(page);
  await act();
  await settled(page, g);
}
async function download(page: Page, name: string): Promise<Buffer> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  const file = join(mkdtempSync(join(tmpdir(), 'smp-')), d.suggestedFilename());
  await d.saveAs(file);
  return readFileSync(file);
}

describe('never lose a design', () => {
  it('restores the design and photo after a reload mid-design', async () => {
    const page = await openPage('/');
    await settled(page);
    await change(page, () => page.locator('#c-density').fill('163'));
    await page.locator('#c-seed').fill('client-7');
    await change(page, () => page.locator('#c-seed').press('Enter'));
    const before = await design(page);
    // Autosave runs within 400 ms of the last change; wait a second, then reload as a crash would.
    await page.waitForTimeout(1000);
    await page.reload();
    await settled(page);
    expect(await design(page)).toBe(before);
    expect(JSON.parse(await design(page)).dots).toMatchObject({ density: 163, seed: 'client-7' });
  });

  it('undoes and redoes a sequence of edits back to identical pixels; a drag is one step', async () => {
    const page = await openPage('/');
    await settled(page);
    await fixedView(page);
    const a = await pixels(page);
    await change(page, () => page.locator('#c-density').fill('190'));
    await change(page, () => page.getByRole('button', { name: 'New variation' }).click());
    // A drag of the density slider: many values, one step.
    const box = (await page.locator('#c-density').boundingBox())!;
    await change(page, async () => {
      await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
      await page.mouse.down();
      for (let i = 0; i <= 10; i++) await page.mouse.move(box.x + box.width * (0.2 + 0.05 * i), box.y + box.height / 2);
      await page.mouse.up();
    });
    await fixedView(page);
    const c = await pixels(page);
    for (let i = 0; i < 3; i++) await change(page, () => page.getByRole('button', { name: 'Undo' }).click());
    await fixedView(page);
    expect(Buffer.compare(Buffer.from(await pixels(page)), Buffer.from(a))).toBe(0);
    expect(await page.getByRole('button', { name: 'Undo' }).isDisabled()).toBe(true);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    for (let i = 0; i < 3; i++) await change(page, () => page.keyboard.press('Control+Shift+Z'));
    await fixedView(page);
    expect(Buffer.compare(Buffer.from(await pixels(page)), Buffer.from(c))).toBe(0);
  });

  it('saves and opens a design file; a broken one is refused and the design stays', async () => {
    const page = await openPage('/');
    await settled(page);
    await change(page, () => page.locator('#c-density').fill('77'));
    const file = await download(page, 'Save design file');
    const saved = await design(page);
    await change(page, () => page.locator('#c-density').fill('210'));
    await change(page, () => page.locator('#c-design-file').setInputFiles({ name: 'd.json', mimeType: 'application/json', buffer: file }));
    expect(await design(page)).toBe(saved);
    await page.locator('#c-design-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"smp-design","version":99}') });
    await page.getByTestId('notice').filter({ hasText: /newer version/ }).waitFor();
    expect(await design(page)).toBe(saved);
  });

  it('a project file opens to identical pixels in a fresh browser profile', async () => {
    const page = await openPage('/');
    await settled(page);
    await change(page, () => page.locator('#c-density').fill('144'));
    await fixedView(page);
    const want = await pixels(page);
    const bundle = await download(page, 'Save project file');
    const other = await openPage('/');
    await settled(other);
    await change(other, () => other.locator('#c-project-file').setInputFiles({ name: 'p.json', mimeType: 'application/json', buffer: bundle }));
    await fixedView(other);
    expect(Buffer.compare(Buffer.from(await pixels(other)), Buffer.from(want))).toBe(0);
  });

  it('lists saved projects: rename, duplicate, delete with confirmation', async () => {
    const page = await openPage('/');
    await settled(page);
    await change(page, () => page.locator('#c-density').fill('121'));
    await page.evaluate(() => (globalThis as never as { smp: Smp }).smp.autosave.flush());
    await page.getByText('Saved projects').click();
    const items = page.locator('.projects li[data-project]');
    await expect.poll(() => items.count()).toBe(1);
    // Its thumbnail (made in a worker) is the photo, upright, 160 px along its longer side: mean colours agree.
    const thumb = await items.first().locator('img').evaluate(async (img: HTMLImageElement) => {
      await img.decode();
      const photo = (globalThis as never as { smp: { photo(): { width: number; height: number; display: ImageBitmap } } }).smp.photo();
      const mean = (src: CanvasImageSource): number[] => {
        const c = new OffscreenCanvas(img.naturalWidth, img.naturalHeight).getContext('2d')!;
        c.drawImage(src, 0, 0, img.naturalWidth, img.naturalHeight);
        const d = c.getImageData(0, 0, img.naturalWidth, img.naturalHeight).data;
        const m = [0, 0, 0];
        for (let i = 0; i < d.length; i += 4) for (let k = 0; k < 3; k++) m[k]! += d[i + k]! / (d.length / 4);
        return m;
      };
      return { width: img.naturalWidth, height: img.naturalHeight, photo: { width: photo.width, height: photo.height }, mean: mean(img), photoMean: mean(photo.display) };
    });
    expect(Math.max(thumb.width, thumb.height)).toBe(160);
    expect(thumb.width / thumb.height).toBeCloseTo(thumb.photo.width / thumb.photo.height, 1);
    thumb.mean.forEach((v, k) => expect(Math.abs(v - thumb.photoMean[k]!)).toBeLessThan(6));
    page.once('dialog', (d) => void d.accept('Mr Example'));
    await page.getByRole('button', { name: /^Rename / }).click();
    await page.getByText('Mr Example').waitFor();
    await page.getByRole('button', { name: 'Duplicate Mr Example' }).click();
    await expect.poll(() => items.count()).toBe(2);
    await page.getByText('Mr Example (copy)').waitFor();
    page.once('dialog', (d) => void d.dismiss());
    await page.getByRole('button', { name: 'Delete Mr Example (copy)' }).click();
    await expect.poll(() => items.count()).toBe(2);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Delete Mr Example (copy)' }).click();
    await expect.poll(() => items.count()).toBe(1);
  });
});
