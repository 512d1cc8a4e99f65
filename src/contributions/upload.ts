import type { Messages } from '../i18n/en.ts';
import { fill } from '../i18n/i18n.ts';
import { type CheckedFile, checkFile, FileRefusedError } from '../media/file-check.ts';
import type { ContributionSettings } from './settings.ts';

/** Why the files were refused, in the sender's words, and the status to answer with. */
export interface FilesRefused {
  message: string;
  status: 400 | 413;
}

/**
 * Checks every file (count, size, type from content, images re-encoded without metadata, PDFs
 * without active content); the first refusal comes back in words, and then nothing is kept.
 */
export async function checkFiles(
  files: File[],
  settings: ContributionSettings,
  t: Messages,
): Promise<{ ok: true; files: CheckedFile[] } | { ok: false; refused: FilesRefused }> {
  const limits = settings.files;
  const mib = Math.round(limits.maxBytes / 2 ** 20);
  if (files.length > limits.maxCount)
    return {
      ok: false,
      refused: { message: fill(t.contribute.fileErrors.count, { count: limits.maxCount }), status: 400 },
    };
  const checked: CheckedFile[] = [];
  for (const file of files) {
    try {
      // The size is known before the bytes are read, so an over-large file is refused without reading it.
      if (file.size > limits.maxBytes) throw new FileRefusedError('size', file.name);
      checked.push(await checkFile(file.name, Buffer.from(await file.arrayBuffer()), limits));
    } catch (error) {
      if (!(error instanceof FileRefusedError)) throw error;
      const name = file.name.replace(/[\p{Cc}\p{Cf}]/gu, '').slice(0, 120) || '?';
      const message = fill(t.contribute.fileErrors[error.reason], { name, mib });
      return { ok: false, refused: { message, status: error.reason === 'size' ? 413 : 400 } };
    }
  }
  return { ok: true, files: checked };
}
