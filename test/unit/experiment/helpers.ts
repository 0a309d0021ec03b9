// Builds single-experiment YAML around the parts a test cares about, and parses it.
import { parseConfigText } from '../../../src/config/parse.js';
import { parseExperimentSources } from '../../../src/lifecycle/parse.js';

export const CATALOG = `
metrics:
  error_rate: { query: 'sum(rate(errors{service="{{service}}"}[1m]))', unit: ratio }
  breaker: { query: 'max(cb{dependency="{{dependency}}"})', when: eventually }
`;

export function parse(text: string, configText = CATALOG) {
  const { config, issues: configIssues } = parseConfigText('chaos.config.yml', configText);
  if (configIssues.length > 0) throw new Error(`bad test config: ${configIssues.map((i) => i.message).join('; ')}`);
  return parseExperimentSources([{ file: 'e.yml', text }], config);
}

/** An experiment with the given `target:` and `fault:` flow mappings (and extra top-level lines). */
export function experiment(target: string, fault: string, extra = 'duration: 5m') {
  return `name: x\ntarget: ${target}\nfault: ${fault}\n${extra}\nsuccess_criteria: ["error_rate < 0.01"]\n`;
}

export function only(text: string) {
  const { experiments, issues } = parse(text);
  if (issues.length > 0) throw new Error(issues.map((i) => `${i.line}:${i.col} ${i.path} ${i.message}`).join('\n'));
  const [e] = experiments;
  if (!e) throw new Error('no experiment');
  return e;
}

export function problems(text: string) {
  return parse(text).issues.map((i) => `${i.path}: ${i.message}`);
}
