#!/usr/bin/env node
// The `fates` command. The code base is TypeScript run through tsx, so there is no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
runCli(process.argv.slice(2), {
  // The generator is a tool for benchmarks and demos that the server's tree never imports; it is
  // wired in here, at the entry point, and loaded only when asked for.
  generate: async (storage, options) =>
    (await import('../src/generate/generate.command.ts')).generateCommand(storage, options),
});
