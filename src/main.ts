import { mountPatternPreview } from './app/pattern-preview.ts';

const el = <T extends HTMLElement>(id: string): T => {
  const e = document.getElementById(id);
  if (!e) throw new Error(`#${id} is missing`);
  return e as T;
};

mountPatternPreview({
  canvas: el<HTMLCanvasElement>('preview'),
  density: el<HTMLInputElement>('density'),
  densityValue: el<HTMLOutputElement>('density-value'),
  seed: el<HTMLInputElement>('seed'),
  dotCount: el('dot-count'),
  status: el('status'),
});
