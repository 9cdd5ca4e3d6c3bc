// Getting a photo in: sniffing, loading, the input wiring and the built-in demo photo.
export { PhotoError, isPhotoError, type PhotoErrorCode } from './errors.ts';
export { loadPhoto, decodeFullResolution, type Photo, type LoadPhotoOptions } from './load-photo.ts';
export { attachPhotoInput, type PhotoInputOptions } from './photo-input.ts';
export { sniffImage, uprightSize, type ImageType, type SniffResult } from './sniff.ts';
export { DEMO_PHOTO } from './demo.ts';
