// Chaos Toolkit in a virtualenv of its own under the test cache, installed from PyPI with pinned
// versions; reused when already there (pip is then a no-op check).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** What `pip install` gets: the three packages of the issue, plus the extra a jsonpath tolerance needs. */
export const CTK_PACKAGES = [
  'chaostoolkit==1.19.0',
  'chaostoolkit-kubernetes==0.39.0',
  'chaostoolkit-prometheus==0.6.0',
  // `chaos validate` asks for it by name once a tolerance is a jsonpath: "pip install chaostoolkit-lib[jsonpath]"
  'chaostoolkit-lib[jsonpath]==1.44.0',
];

export const cacheDir = (): string => process.env.CHAOS_TEST_CACHE ?? join(homedir(), '.cache', 'chaos-test');
export const venvDir = (): string => join(cacheDir(), 'ctk-venv');
/** CTK's command is also called `chaos`; always called by its full path here. */
export const ctkBin = (): string => join(venvDir(), 'bin', 'chaos');

function sh(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Creates the venv when missing, installs the pins, returns what pip says is installed. */
export function ensureCtk(): Record<string, string> {
  if (!existsSync(join(venvDir(), 'bin', 'pip'))) sh('python3', ['-m', 'venv', venvDir()]);
  sh(join(venvDir(), 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', ...CTK_PACKAGES]);
  const versions: Record<string, string> = {};
  for (const line of sh(join(venvDir(), 'bin', 'pip'), ['freeze', '--disable-pip-version-check']).split('\n')) {
    const [name, version] = line.split('==');
    if (name && version) versions[name.toLowerCase()] = version;
  }
  versions.python = sh(join(venvDir(), 'bin', 'python'), ['-c', 'import platform; print(platform.python_version())']).trim();
  return versions;
}
