// The manifest emitter must round-trip through both YAML 1.2 (the yaml package) and YAML 1.1
// (what kubectl's parser speaks), whatever strings end up in a manifest.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderExperiment } from '../../../src/chaos-mesh/render.js';
import { toYaml } from '../../../src/chaos-mesh/to-yaml.js';
import { FAULTS, experiment, faultTypes, podsDependency } from './build.js';

const TRICKY = [
  'yes', 'No', 'on', 'OFF', 'y', 'N', 'true', 'False', 'null', 'Null', '~', '', ' ', ' lead', 'trail ',
  '10', '0', '-1', '1.5', '1e3', '1_000', '0755', '0o17', '0x1F', '0xff', '.inf', '.NaN', '1:30', '12:30:45',
  '2024-01-01', '500ms', '1m30s', '10mbit', '256MB', '50%', 'a: b', 'a #b', '#x', '- x', '-', '? q', '*ref', '&a', '!tag',
  '|', '>', '@x', '`x', '"q"', "'s'", 'back\\slash', 'line\nbreak', 'tab\there', 'del\u007f', 'ls\u2028', 'bom\ufeff', 'ünï', '😀',
  '{a}', '[a]', 'a,b', 'x=y', '<<', '=', '%YAML', '---', '...', 'chaos-mesh.*', '/api/*', 'app.kubernetes.io/name',
];

describe('toYaml', () => {
  it('round-trips tricky strings as values, keys and list items under YAML 1.2 and 1.1', () => {
    const value = {
      values: Object.fromEntries(TRICKY.map((s, i) => [`k${i}`, s])),
      keys: Object.fromEntries(TRICKY.map((s) => [s, s])),
      list: TRICKY,
    };
    const text = toYaml(value);
    expect(parse(text)).toEqual(value);
    expect(parse(text, { version: '1.1' })).toEqual(value);
  });

  it('emits numbers, booleans, nested lists of maps and empty collections', () => {
    const value = { a: 1, b: -2.5, c: true, d: [{ x: 1, y: ['p', 'q'] }, { z: {} }], e: [], f: {}, g: [[1, 2], ['3']], h: null };
    expect(parse(toYaml(value))).toEqual(value);
  });

  it('leaves out undefined fields and refuses values YAML cannot carry', () => {
    expect(parse(toYaml({ a: 1, b: undefined }))).toEqual({ a: 1 });
    expect(() => toYaml({ a: Number.NaN })).toThrow(TypeError);
    expect(() => toYaml({ a: () => 1 })).toThrow(TypeError);
  });

  it('keeps durations and rates plain, quotes numeric-looking strings', () => {
    const text = toYaml({ latency: '500ms', rate: '1mbit', value: '10', loss: '0.5' });
    expect(text).toBe('latency: 500ms\nrate: 1mbit\nvalue: "10"\nloss: "0.5"\n');
  });

  it('every rendered fault type round-trips exactly', () => {
    for (const type of faultTypes()) {
      const [obj] = renderExperiment(experiment('rt', FAULTS[type], { dependency: podsDependency('db', 'data') }), { runId: 'a1b2c3d4', namespace: 'ns' });
      expect(parse(toYaml(obj!)), type).toEqual(obj);
      expect(parse(toYaml(obj!), { version: '1.1' }), type).toEqual(obj);
    }
  });
});
