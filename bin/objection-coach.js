#!/usr/bin/env node
// Command-line entry point. Node ≥ 24 runs the TypeScript sources directly (type stripping);
// Node's compile cache keeps them stripped and compiled between runs, where npm start keeps it
// (or where NODE_COMPILE_CACHE says, which Node then uses by itself).
import { enableCompileCache } from 'node:module';
import { fileURLToPath } from 'node:url';

if (!process.env.NODE_COMPILE_CACHE) enableCompileCache(fileURLToPath(new URL('../node_modules/.cache/objection-coach/compile', import.meta.url)));
await import('../bot/cli.ts');
