// A real Prometheus for tests: found (PROMETHEUS_BIN, PATH, /usr/bin) or provisioned from the Debian
// archive without root (apt-get download + dpkg-deb -x into .cache/), started on a port the kernel picks.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CACHE = join(REPO, '.cache', 'prometheus');
const CACHED_BIN = join(CACHE, 'usr', 'bin');

const INSTALL_HELP = [
  'Prometheus is required by these tests and was not found.',
  'Install it with one of:',
  '  sudo apt-get install -y --no-install-recommends prometheus     (Debian/Ubuntu; or scripts/install-prometheus.sh)',
  '  download https://prometheus.io/download/ and set PROMETHEUS_BIN=/path/to/prometheus (promtool must sit next to it)',
].join('\n');

export interface PrometheusBinaries {
  prometheus: string;
  promtool: string;
}

export interface StartOptions {
  /** host:port targets scraped by one job named `app`. */
  scrapeTargets?: string[];
  scrapeIntervalMs?: number;
  /** OpenMetrics text (timestamps in seconds, ending in `# EOF`) loaded with promtool before start. */
  blocksFrom?: string;
  /** A rule file (YAML: `groups: [...]`), loaded with rule_files; alerts then appear in ALERTS. */
  rules?: string;
  /** How often rules are evaluated (default: the scrape interval). */
  evaluationIntervalMs?: number;
}

export interface RunningPrometheus {
  url: string;
  stop(): Promise<void>;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  return (process.env.PATH ?? '').split(delimiter).map((d) => join(d, name)).find(executable);
}

function withPromtool(prometheus: string): PrometheusBinaries {
  const sibling = join(dirname(prometheus), 'promtool');
  const promtool = executable(sibling) ? sibling : onPath('promtool');
  if (!promtool) throw new Error(`promtool not found next to ${prometheus} nor on PATH.\n${INSTALL_HELP}`);
  return { prometheus, promtool };
}

/** Debian archive → .cache/prometheus, no root needed. Concurrent callers race on an atomic rename. */
function provisionFromDebian(): string | undefined {
  if (!onPath('apt-get') || !onPath('dpkg-deb')) return undefined;
  mkdirSync(join(REPO, '.cache'), { recursive: true });
  const work = mkdtempSync(join(REPO, '.cache', 'prometheus-dl-'));
  try {
    execFileSync('apt-get', ['download', 'prometheus'], { cwd: work, stdio: 'pipe' });
    const deb = readdirSync(work).find((f) => f.endsWith('.deb'));
    if (!deb) return undefined;
    execFileSync('dpkg-deb', ['-x', deb, 'root'], { cwd: work, stdio: 'pipe' });
    try {
      renameSync(join(work, 'root'), CACHE);
    } catch (e) {
      if (!existsSync(join(CACHED_BIN, 'prometheus'))) throw e; // lost the race to another worker: fine
    }
    return join(CACHED_BIN, 'prometheus');
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`Could not provision Prometheus from the Debian archive: ${stderr || String(e)}\n${INSTALL_HELP}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

let found: PrometheusBinaries | undefined;

/** PROMETHEUS_BIN → PATH → /usr/bin → .cache → Debian download; otherwise throw with install help. */
export function findPrometheus(): PrometheusBinaries {
  if (found) return found;
  const fromEnv = process.env.PROMETHEUS_BIN;
  if (fromEnv) {
    if (!executable(fromEnv)) throw new Error(`PROMETHEUS_BIN=${fromEnv} is not an executable file.\n${INSTALL_HELP}`);
    return (found = withPromtool(fromEnv));
  }
  const candidates = [onPath('prometheus'), '/usr/bin/prometheus', join(CACHED_BIN, 'prometheus')];
  const bin = candidates.find((c): c is string => c !== undefined && executable(c)) ?? provisionFromDebian();
  if (!bin) throw new Error(INSTALL_HELP);
  return (found = withPromtool(bin));
}

function configFor(opts: StartOptions, rulesFile: string | undefined): string {
  const interval = `${opts.scrapeIntervalMs ?? 1000}ms`;
  const config = {
    global: { scrape_interval: interval, scrape_timeout: interval, evaluation_interval: `${opts.evaluationIntervalMs ?? opts.scrapeIntervalMs ?? 1000}ms` },
    ...(rulesFile ? { rule_files: [rulesFile] } : {}),
    scrape_configs: opts.scrapeTargets?.length ? [{ job_name: 'app', static_configs: [{ targets: opts.scrapeTargets }] }] : [],
  };
  return JSON.stringify(config, null, 2); // JSON is YAML
}

function listenAddress(line: string): string | undefined {
  try {
    const entry = JSON.parse(line) as { msg?: unknown; address?: unknown };
    return entry.msg === 'Listening on' && typeof entry.address === 'string' ? entry.address : undefined;
  } catch {
    return undefined;
  }
}

// Prometheus logs `{"address":"127.0.0.1:NNNNN","msg":"Listening on",...}`: reading it avoids a free-port race.
function waitForListen(proc: ChildProcess, log: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`Prometheus did not start listening in 30s:\n${log.join('\n')}`)), 30_000);
    proc.stderr?.setEncoding('utf8');
    proc.stderr?.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        log.push(line);
        if (log.length > 200) log.shift();
        const address = listenAddress(line);
        if (address) {
          clearTimeout(timer);
          resolve(address);
        }
      }
    });
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Prometheus exited (${signal ?? code}) before listening:\n${log.join('\n')}`));
    });
    proc.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

async function waitForReady(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await fetch(`${url}/-/ready`).catch(() => undefined);
    if (res?.ok) return;
    if (Date.now() > deadline) throw new Error(`Prometheus at ${url} not ready in 30s (last status ${res?.status ?? 'none'})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    proc.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}

export async function startPrometheus(opts: StartOptions = {}): Promise<RunningPrometheus> {
  const bins = findPrometheus();
  const dir = mkdtempSync(join(tmpdir(), 'chaos-prom-'));
  const data = join(dir, 'data');
  const rulesFile = opts.rules === undefined ? undefined : join(dir, 'rules.yml');
  if (rulesFile) {
    writeFileSync(rulesFile, opts.rules!);
    // A bad rule file would only show as Prometheus failing to start: say why instead.
    execFileSync(bins.promtool, ['check', 'rules', rulesFile], { stdio: 'pipe' });
  }
  writeFileSync(join(dir, 'prometheus.yml'), configFor(opts, rulesFile));
  if (opts.blocksFrom !== undefined) {
    writeFileSync(join(dir, 'data.om'), opts.blocksFrom);
    execFileSync(bins.promtool, ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'data.om'), data], { stdio: 'pipe' });
  }
  const proc = spawn(
    bins.prometheus,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${data}`,
      '--storage.tsdb.retention.time=100y', // backfilled data is old; never let retention drop it
      '--web.listen-address=127.0.0.1:0',
      '--log.level=info',
      '--log.format=json',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  // A crashed test worker must not leave a Prometheus behind.
  const killOnExit = (): void => void proc.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    await stopProcess(proc);
    rmSync(dir, { recursive: true, force: true });
  };
  const log: string[] = [];
  try {
    const url = `http://${await waitForListen(proc, log)}`;
    await waitForReady(url);
    return { url, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
