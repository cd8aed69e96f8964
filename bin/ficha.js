#!/usr/bin/env node
// The `ficha` command: the compiled program in dist/ (built by `npm ci` or `npm run build`).
import { existsSync } from 'node:fs';

const dist = new URL('../dist/main.js', import.meta.url);
if (existsSync(dist)) {
  await import(dist.href);
} else {
  // A checkout without a build: run the TypeScript sources through tsx (slower to start).
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
