#!/usr/bin/env node
// Command-line entry point. Node ≥ 24 runs the TypeScript sources directly (type stripping).
await import('../bot/cli.ts');
