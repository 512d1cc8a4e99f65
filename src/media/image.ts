import sharp from 'sharp';
import { sha256 } from './file-check.ts';

/** Longest side of each size shown on pages; the original is kept as well. */
export const SIZES = { web: 1600, thumb: 360 } as const;

export interface ImageVariant {
  mime: string;
  width: number;
  height: number;
  data: Buffer;
  sha256: string;
}

/**
 * A smaller copy of an image (already checked and stripped by checkFile) for pages: WebP, which
 * every browser the site supports shows, never enlarged.
 */
export async function resizeImage(data: Buffer, longest: number): Promise<ImageVariant> {
  const { data: out, info } = await sharp(data, { failOn: 'error' })
    .resize({ width: longest, height: longest, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 82 })
    .toBuffer({ resolveWithObject: true });
  return { mime: 'image/webp', width: info.width, height: info.height, data: out, sha256: sha256(out) };
}
