#!/usr/bin/env node
// The `fates` command. The code base is TypeScript run through tsx, so there is no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
