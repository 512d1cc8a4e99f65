import { describe, expect, it } from 'vitest';
import { WORKER_HEAP_MIB, workerExecArgv } from './serve.ts';

describe('how forked server processes start', () => {
  it('adds a heap limit', () => {
    expect(workerExecArgv(['--enable-source-maps'], undefined)).toEqual(['--enable-source-maps', `--max-old-space-size=${WORKER_HEAP_MIB}`]);
  });

  it('keeps the operator’s heap limit, from the command line or NODE_OPTIONS', () => {
    expect(workerExecArgv(['--max-old-space-size=2048'], undefined)).toEqual(['--max-old-space-size=2048']);
    expect(workerExecArgv([], '--max-old-space-size=1024 --trace-warnings')).toEqual([]);
  });
});
