#!/usr/bin/env node
/** The `dihya` executable (package.json `bin`); the CLI itself lives in src/cli/. */
import { runBin } from './cli/bin.js';

await runBin(process.argv);
