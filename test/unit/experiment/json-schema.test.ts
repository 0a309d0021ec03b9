// The published schemas agree with the validator: editors accept the shipped files and flag typos.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { configJsonSchema, experimentJsonSchema } from '../../../src/experiment/schema/json-schema.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const ajv = new Ajv({ allErrors: true, strict: false });
const validateExperiment = ajv.compile(experimentJsonSchema());
const validateConfig = ajv.compile(configJsonSchema());

describe('JSON Schemas', () => {
  it('accept every shipped experiment file and chaos.config.yml', () => {
    for (const f of readdirSync(join(ROOT, 'experiments')).filter((x) => x.endsWith('.yml'))) {
      const ok = validateExperiment(parseYaml(readFileSync(join(ROOT, 'experiments', f), 'utf8')));
      expect(ok, `${f}: ${ajv.errorsText(validateExperiment.errors)}`).toBe(true);
    }
    expect(validateConfig(parseYaml(readFileSync(join(ROOT, 'chaos.config.yml'), 'utf8'))), ajv.errorsText(validateConfig.errors)).toBe(true);
  });

  it('reject unknown keys, bad fault parameters and secrets in the config', () => {
    const exp = { name: 'x', target: { service: 'api' }, fault: { type: 'pod_kill' }, duration: '5m', success_criteria: ['error_rate < 0.01'] };
    expect(validateExperiment(exp)).toBe(true);
    expect(validateExperiment({ ...exp, target: { service: 'api', percentag: 10 } })).toBe(false);
    expect(validateExperiment({ ...exp, fault: { type: 'pod_kill', latency: '1s' } })).toBe(false);
    expect(validateExperiment({ ...exp, fault: { type: 'latncy' } })).toBe(false);
    expect(validateExperiment({ ...exp, duration: '5 minutes' })).toBe(false);
    expect(validateExperiment({ ...exp, name: 'Bad_Name' })).toBe(false);
    expect(validateConfig({ prometheus: { url: 'http://p:9090', token: 'x' } })).toBe(false);
    expect(validateConfig({ metrics: { error_rate: { query: 'up', unit: 'percent' } } })).toBe(false);
  });
});
