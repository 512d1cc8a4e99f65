import fs from 'node:fs';

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
