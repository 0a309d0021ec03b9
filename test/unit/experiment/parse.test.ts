// File-level behaviour: both file forms, every problem of every file at once, names across files.
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../src/config/parse.js';
import { parseExperimentSources } from '../../../src/lifecycle/parse.js';
import { CATALOG, experiment, parse, problems } from './helpers.js';

const { config } = parseConfigText('chaos.config.yml', CATALOG);
const valid = (name: string) => experiment('{ service: api }', '{ type: pod_failure }').replace('name: x', `name: ${name}`);

describe('parseExperimentSources', () => {
  it('accepts a list under experiments: and a single experiment at the top level', () => {
    const list = `experiments:\n  - ${valid('a').trimEnd().replace(/\n/g, '\n    ')}\n  - ${valid('b').trimEnd().replace(/\n/g, '\n    ')}\n`;
    const { experiments, issues } = parseExperimentSources([{ file: 'list.yml', text: list }, { file: 'one.yml', text: valid('c') }], config);
    expect(issues).toEqual([]);
    expect(experiments.map((e) => [e.name, e.source.file, e.source.line])).toEqual([['a', 'list.yml', 2], ['b', 'list.yml', 7], ['c', 'one.yml', 1]]);
  });

  it('reports every problem of every file, not just the first', () => {
    const broken = `name: Bad_Name
target: { service: api, percentage: 0, colour: red }
fault: { type: packet_loss }
duration: 5 min
success_criteria: [ "nope < 1", "error_rate ~ 1" ]
`;
    const { experiments, issues } = parseExperimentSources(
      [{ file: 'a.yml', text: broken }, { file: 'b.yml', text: 'name: ok\n' }, { file: 'c.yml', text: valid('fine') }],
      config,
    );
    expect(issues.map((i) => `${i.file}:${i.line}:${i.col} ${i.path}`)).toEqual([
      'a.yml:1:7 name',
      'a.yml:2:37 target.percentage',
      'a.yml:2:40 target.colour',
      'a.yml:3:8 fault.percentage',
      'a.yml:4:11 duration',
      'a.yml:5:21 success_criteria[0]',
      'a.yml:5:33 success_criteria[1]',
      'b.yml:1:1 target',
      'b.yml:1:1 fault',
      'b.yml:1:1 success_criteria',
    ]);
    expect(experiments.map((e) => e.name)).toEqual(['fine']);
  });

  it('file-level mistakes', () => {
    expect(problems('experiments: []\n')).toEqual(['experiments: must list at least one experiment']);
    expect(problems('experiments: [api-latency]\n')).toEqual(['experiments[0]: expected a mapping, got "api-latency"']);
    expect(problems(`experiment:\n  - ${valid('a').trimEnd().replace(/\n/g, '\n    ')}\n`)).toEqual(['experiment: unknown key "experiment" (did you mean "experiments"?)']);
    expect(problems(`experiments: []\nname: x\n`)).toEqual(['experiments: must list at least one experiment', 'name: unknown key "name"; allowed: experiments']);
  });

  it('a misspelt required key is one problem, not also "missing"', () => {
    const text = valid('x').replace('success_criteria:', 'succes_criteria:').replace('duration:', 'duraton:');
    expect(problems(text).sort()).toEqual(['duraton: unknown key "duraton" (did you mean "duration"?)', 'succes_criteria: unknown key "succes_criteria" (did you mean "success_criteria"?)']);
  });

  it('names are unique across files; the duplicate points at the first', () => {
    const { issues } = parseExperimentSources([{ file: 'one.yml', text: valid('same') }, { file: 'two.yml', text: valid('same') }], config);
    expect(issues).toEqual([{ file: 'two.yml', line: 1, col: 7, path: 'name', message: 'duplicate experiment name "same": first defined at one.yml:1:7' }]);
  });

  it('a YAML error hides nothing else in other files, and no experiment of that file is returned', () => {
    const { experiments, issues } = parseExperimentSources([{ file: 'bad.yml', text: 'name: [unclosed\n' }, { file: 'ok.yml', text: valid('ok') }], config);
    expect(issues.map((i) => i.file)).toEqual(['bad.yml']);
    expect(experiments.map((e) => e.name)).toEqual(['ok']);
  });

  it('follows YAML anchors, aliases and merge keys', () => {
    const text = `experiments:
  - name: a
    target: &api { service: api, percentage: 10 }
    fault: { type: pod_failure }
    duration: 5m
    success_criteria: &criteria ["error_rate < 0.01"]
  - name: b
    target: { <<: *api, percentage: 20 }
    fault: { type: pod_failure }
    duration: 5m
    success_criteria: *criteria
`;
    const { experiments, issues } = parse(text);
    expect(issues).toEqual([]);
    expect(experiments.map((e) => [e.target.service, e.target.value, e.criteria[0]?.label])).toEqual([['api', '10', 'error_rate < 0.01'], ['api', '20', 'error_rate < 0.01']]);
  });

  it('abort_when uses the criteria grammar', () => {
    const { experiments, issues } = parse(experiment('{ service: api }', '{ type: pod_failure }', 'duration: 5m\nabort_when: ["error_rate > 10%", { error_rat: 1 }]'));
    expect(issues.map((i) => [i.path, i.message.split(':')[0]])).toEqual([['abort_when[1].error_rat', 'unknown metric "error_rat" (did you mean "error_rate"?)']]);
    expect(experiments).toEqual([]);
    const ok = parse(experiment('{ service: api }', '{ type: pod_failure }', 'duration: 5m\nabort_when: ["error_rate > 10%"]'));
    expect(ok.experiments[0]?.abortWhen.map((c) => [c.label, c.op, c.value, c.when])).toEqual([['error_rate > 10%', '>', 0.1, 'always']]);
  });
});
