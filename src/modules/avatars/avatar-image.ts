/**
 * Avatar images. Guarantees: the type is decided from the bytes (file-type's magic numbers), never
 * from the file name or the declared content type, and only PNG, JPEG and WebP pass; every image
 * is decoded and re-encoded by sharp (libvips), which drops EXIF/XMP/ICC metadata (GPS positions
 * included) and anything appended after the image data; decoding is bounded in pixels.
 */
import { fileTypeFromBuffer } from 'file-type';
import type sharpFactory from 'sharp';

export const AVATAR_FORMATS = {
  'image/png': { extension: 'png', format: 'png' },
  'image/jpeg': { extension: 'jpg', format: 'jpeg' },
  'image/webp': { extension: 'webp', format: 'webp' },
} as const;

export type AvatarMime = keyof typeof AVATAR_FORMATS;

export const AVATAR_MAX_DIMENSION = 512;
/** Refuses decompression bombs: a small file that decodes to a gigantic bitmap. */
const MAX_INPUT_PIXELS = 40_000_000;

/*
 * sharp loads libvips and its libraries, about 28 MB of resident memory, so it is loaded on the
 * first avatar upload rather than at start-up: a server that never sees an upload never pays it.
 */
let sharpModule: Promise<typeof sharpFactory> | undefined;
const loadSharp = () => (sharpModule ??= import('sharp').then((module) => module.default));

export const MIME_BY_EXTENSION: Record<string, AvatarMime> = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' };

export async function detectAvatarType(bytes: Uint8Array): Promise<AvatarMime | null> {
  const detected = await fileTypeFromBuffer(bytes);
  return detected && detected.mime in AVATAR_FORMATS ? (detected.mime as AvatarMime) : null;
}

/** The re-encoded image, at most 512 px on its longer side; null when the bytes do not decode. */
export async function reencodeAvatar(bytes: Uint8Array, mime: AvatarMime): Promise<Buffer | null> {
  const sharp = await loadSharp();
  try {
    return await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: AVATAR_MAX_DIMENSION, height: AVATAR_MAX_DIMENSION, fit: 'inside', withoutEnlargement: true })
      .toFormat(AVATAR_FORMATS[mime].format)
      .toBuffer();
  } catch {
    return null;
  }
}
