#!/usr/bin/env node
// The `ficha` command's entry (bundled into dist/main.js).
import { main } from './program.js';

process.exitCode = await main(process.argv);
