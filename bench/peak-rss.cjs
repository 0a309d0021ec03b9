// Preloaded with --require (not --import, which would start Node's ESM loader that chaos itself never
// uses): on exit, writes the process's peak RSS (KB) to $CHAOS_BENCH_RSS_FILE.
'use strict';
const { writeFileSync } = require('node:fs');

process.on('exit', () => writeFileSync(process.env.CHAOS_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));
