#!/usr/bin/env node
// CommonJS, not ESM: Node's ESM loader alone costs ~10 ms of start-up (SPEC §8). `--help` and
// `--version` are answered by the small quick.cjs; everything else is the bundle (npm run build),
// loaded with V8's code cache by dist/boot/code-cache.cjs.
'use strict';
const path = require('node:path');
const bundle = path.join(__dirname, '..', 'dist', 'bundle');
const argv = process.argv.slice(2);
const quick = require(path.join(bundle, 'quick.cjs'));
const answer = quick.quickAnswer(argv);
if (answer !== undefined) quick.printQuick(answer);
else require('../dist/boot/code-cache.cjs').boot(path.join(bundle, 'start.cjs')).start(argv);
