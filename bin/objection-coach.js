#!/usr/bin/env node
// Command-line entry point: runs the TypeScript sources through tsx, no build step needed.
import { register } from 'tsx/esm/api';

register();
await import('../bot/cli.ts');
