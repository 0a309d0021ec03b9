// Every shipped experiment file is valid with the shipped chaos.config.yml, run together as
// `chaos run experiments/*.yml` (names unique across files, every metric in the catalog).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../src/config/parse.js';
import { parseExperimentSources } from '../../../src/lifecycle/parse.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const files = readdirSync(join(ROOT, 'experiments')).filter((f) => f.endsWith('.yml')).sort();
const sources = files.map((f) => ({ file: `experiments/${f}`, text: readFileSync(join(ROOT, 'experiments', f), 'utf8') }));

describe('shipped files', () => {
  const { config, issues: configIssues } = parseConfigText('chaos.config.yml', readFileSync(join(ROOT, 'chaos.config.yml'), 'utf8'));

  it('chaos.config.yml is valid and points at the local Prometheus and materi-production', () => {
    expect(configIssues).toEqual([]);
    expect(config.prometheus.url).toBe('http://localhost:9090');
    expect(config.kubernetes.namespace).toBe('materi-production');
    expect(config.defaults).toMatchObject({ serviceLabel: 'app', pollIntervalMs: 10_000, injectionTimeoutMs: 60_000, recoveryTimeoutMs: 300_000 });
  });

  it('every experiments/*.yml parses together with zero issues', () => {
    expect(files).toEqual(expect.arrayContaining(['materi.yml', 'network-extras.yml', 'pod-faults.yml', 'stress.yml', 'http.yml', 'io.yml', 'dns.yml', 'time.yml']));
    const { experiments, issues } = parseExperimentSources(sources, config);
    expect(issues).toEqual([]);
    const countItems = sources.reduce((n, s) => n + (s.text.match(/^ {2}- name: /gm)?.length ?? 0), 0);
    expect(experiments).toHaveLength(countItems);
  });

  it('covers every fault family of SPEC §2.2', () => {
    const { experiments } = parseExperimentSources(sources, config);
    const types = new Set(experiments.map((e) => e.fault.type));
    for (const t of ['latency', 'connection_failure', 'network_partition', 'pod_kill', 'packet_loss', 'corrupt', 'duplicate', 'bandwidth', 'pod_failure', 'container_kill', 'cpu_stress', 'memory_stress', 'http_abort', 'http_delay', 'io_latency', 'io_fault', 'dns_error', 'time_skew'])
      expect(types, t).toContain(t);
  });

  it('each file starts with the yaml-language-server modeline', () => {
    for (const s of sources) expect(s.text.split('\n')[0], s.file).toBe('# yaml-language-server: $schema=../schemas/experiment.schema.json');
    expect(readFileSync(join(ROOT, 'chaos.config.yml'), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=./schemas/config.schema.json');
  });
});
