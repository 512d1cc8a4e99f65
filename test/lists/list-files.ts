import type { ListFileInput } from '../../src/lists/list-file.ts';

/** A file to import, from bytes or text (written as UTF-8), read in small pieces as a stream would give it. */
export function fileOf(name: string, content: Uint8Array | string, pieceBytes = 7): ListFileInput {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return {
    name,
    async *open() {
      for (let at = 0; at < bytes.length; at += pieceBytes) yield bytes.subarray(at, at + pieceBytes);
    },
  };
}
