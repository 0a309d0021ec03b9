// Finding and reading chaos.config.yml from disk.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/config/model.js';
import { findConfigFile, loadConfig } from '../../../src/adapters/config-file.js';
import { UsageError } from '../../../src/errors.js';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'chaos-config-')));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const project = join(root, 'project');
const nested = join(project, 'experiments', 'team');
mkdirSync(nested, { recursive: true });
writeFileSync(join(project, 'chaos.config.yml'), 'prometheus:\n  url: http://p:9090\n  tls: { caFile: certs/ca.pem }\nmetrics:\n  m: { query: "up{x=\\"{{nope}}\\"}" }\n');
writeFileSync(join(root, 'other.yml'), 'kubernetes: { namespace: other }\n');

describe('findConfigFile', () => {
  it('uses chaos.config.yml in the directory or the nearest parent', () => {
    expect(findConfigFile(project)).toBe(join(project, 'chaos.config.yml'));
    expect(findConfigFile(nested)).toBe(join(project, 'chaos.config.yml'));
    expect(findConfigFile(root)).toBeUndefined();
  });

  it('an explicit path wins and is resolved against cwd', () => {
    expect(findConfigFile(nested, '../../../other.yml')).toBe(join(root, 'other.yml'));
  });
});

describe('loadConfig', () => {
  it('parses the file found, names it relative to cwd in issues, resolves TLS paths next to it', async () => {
    const { config, issues } = await loadConfig({ cwd: nested });
    expect(config.file).toBe(join(project, 'chaos.config.yml'));
    expect(config.prometheus.url).toBe('http://p:9090');
    expect(config.prometheus.tls?.caFile).toBe(join(project, 'certs', 'ca.pem'));
    expect(issues.map((i) => [i.file, i.path])).toEqual([['../../chaos.config.yml', 'metrics.m.query']]);
  });

  it('no file anywhere: the defaults', async () => {
    expect(await loadConfig({ cwd: root })).toEqual({ config: DEFAULT_CONFIG, issues: [] });
  });

  it('an explicit path', async () => {
    const { config } = await loadConfig({ cwd: root, explicitPath: 'other.yml' });
    expect(config.kubernetes.namespace).toBe('other');
  });

  it('a missing explicit path is a usage error', async () => {
    await expect(loadConfig({ cwd: root, explicitPath: 'missing.yml' })).rejects.toThrow(UsageError);
    await expect(loadConfig({ cwd: root, explicitPath: 'missing.yml' })).rejects.toThrow('config file missing.yml: not found');
  });
});
