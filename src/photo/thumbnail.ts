/**
 * A small JPEG of a photo file, upright, `width` × `height` px: decoded scaled down, then encoded. It runs in the
 * thumbnail worker: decoding and encoding even a small copy held the main thread for ~90 ms.
 */
export async function thumbnailOf(source: Blob, width: number, height: number): Promise<Blob> {
  const small = await createImageBitmap(source, { imageOrientation: 'from-image', resizeWidth: width, resizeHeight: height, resizeQuality: 'medium' });
  const c = new OffscreenCanvas(width, height);
  c.getContext('2d')!.drawImage(small, 0, 0);
  small.close();
  return c.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
}

export type ThumbnailWorkerApi = { thumbnail: typeof thumbnailOf };
