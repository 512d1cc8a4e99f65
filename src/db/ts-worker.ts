import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * The module URL of tsx's loader API, which a worker needs to run TypeScript; null if tsx cannot
 * be found.
 */
function tsxApi(): string | null {
  try {
    const meta = import.meta as ImportMeta & { resolve?: (specifier: string) => string };
    if (typeof meta.resolve === 'function') return meta.resolve('tsx/esm/api');
    // Test runners may not offer import.meta.resolve; read the ESM entry from tsx's exports.
    const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
    const entry = JSON.parse(fs.readFileSync(manifest, 'utf8')).exports['./esm/api'].import.default as string;
    return pathToFileURL(path.join(path.dirname(manifest), entry)).href;
  } catch {
    return null;
  }
}

/** Whether startTsWorker can start a thread here. */
export function canStartTsWorker(): boolean {
  return tsxApi() !== null;
}

/**
 * Starts a thread running the TypeScript module at `script` (a file URL) with `data` as its
 * `workerData`; null where tsx's loader is not to be found, and the caller then does the work on
 * its own thread.
 */
export function startTsWorker(script: URL, data: unknown): Worker | null {
  const tsx = tsxApi();
  if (!tsx) return null;
  const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(script.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData: data });
}
