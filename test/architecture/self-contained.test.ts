import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// A user's clone has nothing beside it: no file of the project may point outside the repository.
const root = path.resolve(import.meta.dirname, '../..');

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => /\.(ts|tsx|js|mjs|cjs|json|sh)$/.test(f) || f.startsWith('.ci/'))
    .filter((f) => !f.startsWith('bench/results/') && f !== 'package-lock.json');
}

/** Relative paths in a file that climb above the repository's root from where the file is. */
function escapes(file: string, text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/['"`]((?:\.\.\/)+)([^'"`\s]*)['"`]/g)) {
    const target = path.resolve(root, path.dirname(file), `${match[1]}${match[2]}`);
    if (!target.startsWith(root + path.sep) && target !== root) found.push(`${file}: ${match[0]}`);
  }
  for (const match of text.matchAll(/\.\.\/shared\b/g)) found.push(`${file}: ${match[0]}`);
  return found;
}

describe('the repository', () => {
  it('reads nothing outside its own folder', () => {
    const files = trackedFiles();
    expect(files.length).toBeGreaterThan(100);
    const outside = files.flatMap((f) => escapes(f, fs.readFileSync(path.join(root, f), 'utf8')));
    expect(outside).toEqual([]);
  });

  it('finds a path that leaves it', () => {
    // Built from parts, so that this file does not hold the paths it looks for.
    const up = '../';
    expect(escapes('test/search/x.test.ts', `new URL('${up.repeat(3)}shared/q.tsv', import.meta.url)`)).not.toEqual([]);
    expect(escapes('scripts/x.ts', `path.resolve('${up}shared/q.tsv')`)).not.toEqual([]);
    expect(escapes('scripts/x.ts', `readFileSync('${up}${up}etc/passwd')`)).not.toEqual([]);
    expect(escapes('test/search/x.test.ts', `new URL('../../bench/eval/q.tsv', import.meta.url)`)).toEqual([]);
  });
});
