// attachPhotoInput in real Chromium: the file inputs (through Playwright's file chooser path), drag and drop, paste,
// newest-wins, and detaching.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { openPage } from './harness.ts';

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

type Event = [kind: 'loading'] | [kind: 'photo', name: string, width: number, height: number] | [kind: 'error', message: string];

// Plain JavaScript (see photo.load.test.ts): a drop zone, the two inputs, and a log of the callbacks.
const SETUP = `
window.__setup = async function () {
  const m = await import('/src/photo/photo-input.ts');
  document.body.innerHTML = '<div id="drop" style="width:300px;height:200px"><p id="inner">Drop a photo</p></div>' +
    '<input id="file" type="file" accept="image/*"><input id="camera" type="file" accept="image/*" capture="environment">';
  window.__events = [];
  window.__detach = m.attachPhotoInput({
    dropTarget: document.getElementById('drop'),
    fileInputs: [document.getElementById('file'), document.getElementById('camera')],
    maxDisplaySide: 4096,
    onLoading: function () { window.__events.push(['loading']); },
    onPhoto: function (p) { window.__events.push(['photo', p.name, p.width, p.height]); p.display.close(); },
    onError: function (message) { window.__events.push(['error', message]); },
  });
};
window.__file = function (bytes, name, type) { return new File([new Uint8Array(bytes)], name, { type: type }); };
window.__transfer = function (files) { const dt = new DataTransfer(); files.forEach(function (f) { dt.items.add(f); }); return dt; };
`;

async function inputPage(): Promise<Page> {
  const page = await openPage('/test/fixtures/blank.html');
  await page.addScriptTag({ content: SETUP });
  await page.evaluate(() => (window as unknown as { __setup(): Promise<void> }).__setup());
  return page;
}

const events = (page: Page): Promise<Event[]> => page.evaluate(() => (window as unknown as { __events: Event[] }).__events);
async function settled(page: Page, count: number): Promise<Event[]> {
  await page.waitForFunction((n) => (window as unknown as { __events: unknown[] }).__events.length >= n, count);
  await page.waitForTimeout(200); // nothing more arrives
  return events(page);
}
const clear = (page: Page): Promise<void> => page.evaluate(() => void ((window as unknown as { __events: unknown[] }).__events = []));

test('both file inputs load the chosen photo, and choosing the same file again works', async () => {
  const page = await inputPage();
  const photo = { name: 'orientation-6.jpg', mimeType: 'image/jpeg', buffer: fixture('orientation-6.jpg') };
  await page.locator('#file').setInputFiles(photo);
  expect(await settled(page, 2)).toEqual([['loading'], ['photo', 'orientation-6.jpg', 64, 48]]);
  expect(await page.locator('#file').inputValue()).toBe(''); // reset, so the same file fires 'change' again
  await clear(page);
  await page.locator('#camera').setInputFiles({ ...photo, name: 'camera.jpg' });
  expect(await settled(page, 2)).toEqual([['loading'], ['photo', 'camera.jpg', 64, 48]]);
  await clear(page);
  await page.locator('#file').setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: fixture('text.jpg') });
  const [loading, error] = await settled(page, 2);
  expect(loading).toEqual(['loading']);
  expect(error?.[0]).toBe('error');
  expect(error?.[1]).toMatch(/isn't a photo/);
});

test('drag and drop: data-dragging while a file is over the target, the dropped file loads', async () => {
  const page = await inputPage();
  const drop = page.locator('#drop');
  const bytes = [...fixture('ok.png')];
  await page.evaluate((b) => {
    const w = window as unknown as { __file(...a: unknown[]): File; __transfer(f: File[]): DataTransfer; __dt: DataTransfer };
    w.__dt = w.__transfer([w.__file(b, 'dropped.png', 'image/png')]);
  }, bytes);
  const fire = (type: string, selector = '#drop'): Promise<boolean> => page.evaluate(([t, s]) => {
    const dt = (window as unknown as { __dt: DataTransfer }).__dt;
    return document.querySelector(s!)!.dispatchEvent(new DragEvent(t!, { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [type, selector]);

  expect(await drop.getAttribute('data-dragging')).toBeNull();
  expect(await fire('dragenter')).toBe(false); // accepted (default prevented)
  expect(await fire('dragenter', '#inner')).toBe(false); // into a child...
  expect(await fire('dragleave')).toBe(true); // ...leaving the parent for it: still over the target
  expect(await drop.getAttribute('data-dragging')).toBe('');
  expect(await fire('dragover', '#inner')).toBe(false);
  expect(await fire('dragleave', '#inner')).toBe(true);
  expect(await drop.getAttribute('data-dragging')).toBeNull(); // left entirely
  await fire('dragenter');
  expect(await fire('drop')).toBe(false);
  expect(await drop.getAttribute('data-dragging')).toBeNull();
  expect(await settled(page, 2)).toEqual([['loading'], ['photo', 'dropped.png', 64, 48]]);
  // A file dropped beside the target is stopped, so the browser does not navigate away to show it.
  expect(await fire('dragover', 'body')).toBe(false);
  expect(await fire('drop', 'body')).toBe(false);
  expect(await events(page)).toHaveLength(2);
});

test('paste: an image on the clipboard loads; text is left alone', async () => {
  const page = await inputPage();
  const pasted = await page.evaluate((b) => {
    const w = window as unknown as { __file(...a: unknown[]): File; __transfer(f: File[]): DataTransfer };
    return window.dispatchEvent(new ClipboardEvent('paste', {
      clipboardData: w.__transfer([w.__file(b, 'image.png', 'image/png')]), cancelable: true,
    }));
  }, [...fixture('ok.png')]);
  expect(pasted).toBe(false); // taken
  expect(await settled(page, 2)).toEqual([['loading'], ['photo', 'image.png', 64, 48]]);
  const text = await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData('text/plain', 'hello');
    return window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, cancelable: true }));
  });
  expect(text).toBe(true); // not ours
  expect(await events(page)).toHaveLength(2);
});

test('only the newest load is delivered; detaching stops everything', async () => {
  const page = await inputPage();
  const big = [...fixture('orientation-1.jpg')], small = [...fixture('ok.gif')];
  // Two files in one task: the first one's result, whenever it lands, is dropped.
  await page.evaluate(([a, b]) => {
    const w = window as unknown as { __file(...x: unknown[]): File; __transfer(f: File[]): DataTransfer };
    const input = document.getElementById('file') as HTMLInputElement;
    input.files = w.__transfer([w.__file(a, 'first.jpg', 'image/jpeg')]).files;
    input.dispatchEvent(new Event('change'));
    const camera = document.getElementById('camera') as HTMLInputElement;
    camera.files = w.__transfer([w.__file(b, 'second.gif', 'image/gif')]).files;
    camera.dispatchEvent(new Event('change'));
  }, [big, small]);
  expect(await settled(page, 3)).toEqual([['loading'], ['loading'], ['photo', 'second.gif', 64, 48]]);
  await page.waitForTimeout(300);
  expect(await events(page)).toHaveLength(3);

  // A refusal that is superseded is dropped too.
  await clear(page);
  await page.evaluate(([a, b]) => {
    const w = window as unknown as { __file(...x: unknown[]): File; __transfer(f: File[]): DataTransfer };
    const input = document.getElementById('file') as HTMLInputElement;
    input.files = w.__transfer([w.__file(a, 'bad.jpg', 'image/jpeg')]).files;
    input.dispatchEvent(new Event('change'));
    input.files = w.__transfer([w.__file(b, 'good.gif', 'image/gif')]).files;
    input.dispatchEvent(new Event('change'));
  }, [[...fixture('text.jpg')], small]);
  expect(await settled(page, 3)).toEqual([['loading'], ['loading'], ['photo', 'good.gif', 64, 48]]);

  await clear(page);
  await page.evaluate(() => (window as unknown as { __detach(): void }).__detach());
  await page.locator('#file').setInputFiles({ name: 'late.gif', mimeType: 'image/gif', buffer: fixture('ok.gif') });
  await page.waitForTimeout(300);
  expect(await events(page)).toEqual([]);
});
