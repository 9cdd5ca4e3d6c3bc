/** Small DOM builders for labelled controls. Every control gets a visible label (and so an accessible name). */

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

export interface SliderOptions {
  label: string;
  min: number;
  /** A number, or a function for a limit that follows other state (read at each refresh). */
  max: number | (() => number);
  step: number;
  unit: string;
  get: () => number;
  set: (v: number) => void;
  format?: (v: number) => string;
  /** The range's id, where the label alone would repeat (one control per zone or pane); default from the label. */
  id?: string;
  /** The number box's accessible name; default "label (unit)". */
  ariaLabel?: string;
}

/** A range slider with a number box beside it; both edit the same value. Returns the row and a refresh(). */
export function slider(o: SliderOptions): { row: HTMLElement; refresh: () => void } {
  const id = o.id ?? `c-${o.label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const max = (): number => (typeof o.max === 'function' ? o.max() : o.max);
  const range = el('input', { type: 'range', id, min: String(o.min), step: String(o.step) });
  const box = el('input', { type: 'number', min: String(o.min), step: String(o.step), 'aria-label': o.ariaLabel ?? `${o.label} (${o.unit})`, class: 'num' });
  const row = el('div', { class: 'row' }, el('label', { for: id }, `${o.label} `, el('span', { class: 'unit' }, `(${o.unit})`)), range, box);
  const take = (raw: string): void => {
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v)) return;
    o.set(Math.min(max(), Math.max(o.min, v)));
  };
  range.addEventListener('input', () => take(range.value));
  box.addEventListener('change', () => take(box.value));
  const refresh = (): void => {
    range.max = box.max = String(max());
    const v = o.get();
    if (document.activeElement !== range) range.value = String(v);
    if (document.activeElement !== box) box.value = o.format ? o.format(v) : String(v);
  };
  refresh();
  return { row, refresh };
}

export function button(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = el('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

export function checkbox(label: string, get: () => boolean, set: (v: boolean) => void): { row: HTMLElement; refresh: () => void } {
  const input = el('input', { type: 'checkbox' });
  input.addEventListener('change', () => set(input.checked));
  const row = el('label', { class: 'row check' }, input, ` ${label}`);
  const refresh = (): void => {
    input.checked = get();
  };
  refresh();
  return { row, refresh };
}

/** A panel section; its title folds it away (the panel is long), all open at first. */
export function section(title: string, ...children: Node[]): HTMLElement {
  const toggle = el('button', { type: 'button', class: 'fold', 'aria-expanded': 'true' }, title);
  const box = el('section', { 'aria-label': title }, el('h2', {}, toggle), ...children);
  toggle.addEventListener('click', () => {
    const open = box.classList.toggle('folded') === false;
    toggle.setAttribute('aria-expanded', String(open));
  });
  return box;
}

/** Saves a blob as a file through the browser's download (a blob: URL, nothing leaves the device). */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
