// Runs test/chaos-mesh-oracle (Chaos Mesh's own webhook code, built by scripts/build-oracle.sh) on manifests.
import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../e2e/cli.js';

export interface Verdict {
  index: number;
  kind?: string;
  name?: string;
  accepted: boolean;
  stage?: 'decode' | 'webhook';
  errors?: string[];
  /** JSON patch of what upstream Default() changed. */
  defaulted?: Array<{ op: string; path: string; value?: unknown }>;
  /** spec.duration as Chaos Mesh's controller reads it (Go time.ParseDuration), in ns; 0 means "until deleted". */
  durationNs?: number;
}

/** A cold build downloads the api module and compiles Kubernetes libraries: give beforeAll this long. */
export const BUILD_TIMEOUT_MS = 20 * 60_000;

let building: Promise<string> | undefined;
let binary: string | undefined;

/** Builds the oracle when missing or stale (asynchronously: a cold build takes minutes); resolves to its path. */
export function buildOracle(): Promise<string> {
  building ??= new Promise((resolve, reject) => {
    execFile('bash', [join(ROOT, 'scripts', 'build-oracle.sh')], { encoding: 'utf8', maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`scripts/build-oracle.sh failed: ${stderr || err.message}`));
      resolve((binary = stdout.trim()));
    });
  });
  return building;
}

/** Path of the built oracle; call buildOracle() in beforeAll first. */
export function oracleBinary(): string {
  if (!binary) throw new Error('the oracle is not built yet: await buildOracle() in beforeAll');
  return binary;
}

/** Upstream's verdict on each document of a YAML stream (objects are sent as JSON documents). */
export function judge(input: string | object[]): Verdict[] {
  const text = typeof input === 'string' ? input : input.map((o) => JSON.stringify(o)).join('\n---\n');
  const r = spawnSync(oracleBinary(), [], { input: text, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`oracle exited ${r.status}: ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Verdict);
}

/** "NetworkChaos x: error; error" for assertion messages. */
export function describeVerdict(v: Verdict): string {
  return `${v.kind ?? '?'} ${v.name ?? `#${v.index}`}: ${(v.errors ?? []).join('; ')}`;
}
