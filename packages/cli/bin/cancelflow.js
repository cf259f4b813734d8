#!/usr/bin/env node
import './require-node.js';

// Loaded only after the version check: the CLI's code needs a current Node.js.
const { main } = await import('../dist/index.js');
process.exitCode = await main(process.argv.slice(2));
