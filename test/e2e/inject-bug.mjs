// Preloaded with --import to simulate a bug inside chaos: the first write to stdout throws a TypeError.
const write = process.stdout.write.bind(process.stdout);
let first = true;
process.stdout.write = (...args) => {
  if (first) {
    first = false;
    throw new TypeError('simulated bug: cannot read properties of undefined');
  }
  return write(...args);
};
