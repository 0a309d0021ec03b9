#!/usr/bin/env node
// A tiny stand-in for k6 in tests (k6 cannot be installed here): sends GET requests to a URL, one
// after another, prints progress, and ends like k6 does —
//   ran for --duration: prints a summary, exits 1 if the error share exceeds --max-error-rate, else 0;
//   SIGTERM (chaos stopping it at revert): prints a summary and exits 0.
// Usage: node load-script.mjs <url> [--duration 30s] [--max-error-rate 0.01] [--progress-every 20]
const [url, ...rest] = process.argv.slice(2);
if (!url) {
  console.error('usage: load-script.mjs <url> [--duration 30s] [--max-error-rate 0.01] [--progress-every 20]');
  process.exit(2);
}
const option = (name, fallback) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 && rest[i + 1] !== undefined ? rest[i + 1] : fallback;
};
const toMs = (text) => {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text);
  if (!m) throw new Error(`bad duration: ${text}`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000 }[m[2] ?? 'ms'];
};

const durationMs = option('duration') === undefined ? Infinity : toMs(option('duration'));
const maxErrorRate = Number(option('max-error-rate', '0.01'));
const progressEvery = Number(option('progress-every', '20'));
let sent = 0;
let errors = 0;
let stopping = false;

const share = () => (sent === 0 ? 0 : errors / sent);
const summary = (how) =>
  console.log(`load: ${how}: ${sent} requests, ${errors} errors (${(share() * 100).toFixed(1)}%)`);

process.on('SIGTERM', () => {
  stopping = true;
  summary('stopped');
  process.exit(0);
});

console.log(`load: sending requests to ${url}`);
const deadline = Date.now() + durationMs;
while (!stopping && Date.now() < deadline) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    if (res.status >= 400) errors++;
  } catch {
    errors++;
  }
  sent++;
  if (sent % progressEvery === 0) console.log(`load: ${sent} requests, ${errors} errors`);
}
summary('done');
if (share() > maxErrorRate) {
  console.error(`load: threshold crossed: error rate ${share().toFixed(3)} > ${maxErrorRate}`);
  process.exit(1);
}
