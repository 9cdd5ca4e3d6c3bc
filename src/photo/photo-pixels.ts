/** RGBA pixels of a picture, row-major. */
export interface RgbaPixels {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
}

/** A picture's size scaled down (never up) so its longer side is at most `maxSide`. */
export function fitSize(width: number, height: number, maxSide: number): { width: number; height: number } {
  const k = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
}

/** The picture's pixels at fitSize: the hair mask's input. Browser only (an OffscreenCanvas). */
export function readPixels(source: ImageBitmap | HTMLCanvasElement, maxSide: number): RgbaPixels {
  const { width, height } = fitSize(source.width, source.height, maxSide);
  const g = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  if (!g) throw new Error('No 2D canvas to read the photo');
  g.imageSmoothingQuality = 'high';
  g.drawImage(source, 0, 0, width, height);
  return { rgba: g.getImageData(0, 0, width, height).data, width, height };
}
