import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const require = createRequire(import.meta.url);
const run = promisify(execFile);

export interface VnuMessage {
  type: string;
  subType?: string;
  url: string;
  message: string;
  extract?: string;
  lastLine?: number;
}

/**
 * Checks HTML documents with the W3C Nu Html Checker (vnu.jar, run by the installed Java), all in
 * one JVM start. Returns errors only; vnu's informational notes are not failures.
 */
export async function vnuErrors(pages: Record<string, string>): Promise<VnuMessage[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fates-vnu-'));
  try {
    const files = Object.entries(pages).map(([name, html]) => {
      const file = path.join(dir, `${name.replace(/[^a-z0-9-]/gi, '_')}.html`);
      fs.writeFileSync(file, html);
      return file;
    });
    const jar = require.resolve('vnu-jar/build/dist/vnu.jar');
    const result = await run('java', ['-jar', jar, '--format', 'json', '--exit-zero-always', ...files], {
      maxBuffer: 32 * 1024 * 1024,
    });
    const report = JSON.parse(result.stderr || result.stdout) as { messages: VnuMessage[] };
    return report.messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
