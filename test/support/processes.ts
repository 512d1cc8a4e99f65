import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const FATES = path.join(ROOT, 'bin/fates.js');

/** Processes whose parent is `pid` (Linux: read from /proc); used to find forked server processes. */
export function childrenOf(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        // The parent pid is the second field after the command name in parentheses.
        return Number(fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]) === pid;
      } catch {
        return false; // the process ended while we looked
      }
    })
    .map(Number);
}

/** Peak resident set size of a process in bytes (VmHWM in /proc/<pid>/status). */
export function peakRssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmHWM:\s+(\d+) kB/)?.[1] ?? 0) * 1024;
}

/** Resident memory now, split into the process's own (heap, stacks) and mapped files (RssAnon, RssFile). */
export function residentOf(pid: number): { anon: number; file: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(status.match(new RegExp(`${field}:\\s+(\\d+) kB`))?.[1] ?? 0) * 1024;
  return { anon: kib('RssAnon'), file: kib('RssFile') };
}

/** Starts `fates serve --port 0` (or `start`) and reads the address it prints; `output` is all it wrote. */
export function serve(
  env: NodeJS.ProcessEnv,
  extra: string[] = [],
  command = 'serve',
): Promise<{ url: string; output: () => string; process: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FATES, command, '--port', '0', '--host', '127.0.0.1', ...extra], {
      cwd: ROOT,
      env,
    });
    let output = '';
    const onData = (d: Buffer) => {
      output += d;
      const match = output.match(/ at (http:\/\/127\.0\.0\.1:\d+)\//);
      if (match) {
        resolve({ url: match[1]!, output: () => output, process: child });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => (output += d));
    child.on('exit', (code) => reject(new Error(`fates serve exited with ${code}: ${output}`)));
  });
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
