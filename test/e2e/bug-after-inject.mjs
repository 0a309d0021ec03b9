// Preloaded with --import to simulate a bug inside chaos once the fault is injected: an uncaught exception
// (CHAOS_TEST_BUG=exception) or an unhandled rejection (=rejection) thrown from a timer, outside any stage.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const kind = process.env.CHAOS_TEST_BUG ?? 'exception';
let fired = false;
const fire = (text) => {
  if (fired || !/inject ok/.test(String(text))) return;
  fired = true;
  setTimeout(() => {
    if (kind === 'rejection') void Promise.reject(new Error('simulated bug: unhandled rejection'));
    else throw new TypeError('simulated bug: cannot read properties of undefined');
  }, 200);
};
const writeSync = fs.writeSync;
fs.writeSync = (fd, data, ...rest) => {
  if (fd === 2) fire(data);
  return writeSync(fd, data, ...rest);
};
syncBuiltinESMExports();
const write = process.stderr.write.bind(process.stderr);
process.stderr.write = (data, ...rest) => {
  fire(data);
  return write(data, ...rest);
};
