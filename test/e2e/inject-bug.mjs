// Preloaded with --import to simulate a bug inside chaos: the first write to stdout throws a TypeError,
// whether chaos writes to the descriptor (fs.writeSync, then the stream as its fallback) or the stream.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const bug = () => new TypeError('simulated bug: cannot read properties of undefined');
let first = true;
const writeSync = fs.writeSync;
fs.writeSync = (fd, ...args) => {
  if (fd === 1 && first) throw bug();
  return writeSync(fd, ...args);
};
syncBuiltinESMExports();
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (...args) => {
  if (first) {
    first = false;
    throw bug();
  }
  return write(...args);
};
