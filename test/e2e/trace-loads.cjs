// Preloaded with --require in e2e tests and the bench: appends every file the process opens through
// `fs` (Node's CommonJS loader, and the code-cache loader for the bundle's chunks) to $CHAOS_TRACE_LOADS.
'use strict';
const fs = require('node:fs');

const out = process.env.CHAOS_TRACE_LOADS;
const { appendFileSync, openSync, readFileSync } = fs;
const record = (file) => {
  if (typeof file === 'string' || file instanceof URL) appendFileSync(out, String(file) + '\n');
};
fs.openSync = function (file, ...rest) {
  record(file);
  return openSync.call(this, file, ...rest);
};
fs.readFileSync = function (file, ...rest) {
  record(file);
  return readFileSync.call(this, file, ...rest);
};
// Node's own modules too (`builtin:net`), which are compiled from inside the binary, not opened.
process.on('exit', () => {
  const builtins = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => `builtin:${m.slice(13)}\n`);
  appendFileSync(out, builtins.join(''));
});
