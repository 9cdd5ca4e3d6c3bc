export type PhotoErrorCode = 'empty' | 'unreadable' | 'unsupported' | 'svg' | 'too-large' | 'damaged';

/** A file the app will not or cannot open, with a short message for the user that says what to do. */
export class PhotoError extends Error {
  readonly code: PhotoErrorCode;
  constructor(code: PhotoErrorCode, message: string) {
    super(message);
    this.name = 'PhotoError';
    this.code = code;
  }
}

export function isPhotoError(e: unknown): e is PhotoError {
  return e instanceof Error && e.name === 'PhotoError' && typeof (e as PhotoError).code === 'string';
}
