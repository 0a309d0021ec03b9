// Every field `chaos deploy` writes is one the Kubernetes API knows, with the right type: checked
// against the API models generated from the Kubernetes OpenAPI spec that @kubernetes/client-node ships
// (a misspelt field would be dropped by `kubectl apply`, or refused with strict field validation).
// The fake API server applies the same check (test/fake-kube/builtin-schema.ts), so e2e applies see it too.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { main } from '../../../src/cli/main.js';
import { builtinFieldProblems } from '../../fake-kube/builtin-schema.js';
import type { CliIO } from '../../../src/ports.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const MODEL: Record<string, string> = { ConfigMap: 'V1ConfigMap', ServiceAccount: 'V1ServiceAccount', Role: 'V1Role', RoleBinding: 'V1RoleBinding', Job: 'V1Job', CronJob: 'V1CronJob' };
const API_VERSION: Record<string, string> = { ConfigMap: 'v1', ServiceAccount: 'v1', Role: 'rbac.authorization.k8s.io/v1', RoleBinding: 'rbac.authorization.k8s.io/v1', Job: 'batch/v1', CronJob: 'batch/v1' };

/** Problems of `value` as an instance of the client-node model `type` (the fake API server's check). */
function problems(value: unknown, type: string, path: string): string[] {
  const p = builtinFieldProblems(value, type);
  return [...p.unknownFields.map((f) => `${path}.${f}: no such field`), ...p.typeErrors.map((e) => `${path}.${e}`)];
}

async function deploy(argv: string[]): Promise<string> {
  let stdout = '';
  const io: CliIO = {
    stdout: { write: (t) => void (stdout += t), isTTY: false },
    stderr: { write: () => undefined, isTTY: false },
    env: {}, cwd: ROOT, onSignal: () => () => undefined, onFatal: () => () => undefined,
  };
  expect(await main(['deploy', ...argv], io)).toBe(0);
  return stdout;
}

describe('chaos deploy output against the Kubernetes API models', () => {
  test('the checker finds a misspelt or mistyped field (it can fail)', () => {
    expect(problems({ spec: { backofLimit: 0 } }, 'V1Job', 'Job')).toEqual(['Job.spec.backofLimit: no such field']);
    expect(problems({ spec: { backoffLimit: '0' } }, 'V1Job', 'Job')).toEqual(['Job.spec.backoffLimit: not an integer']);
    expect(problems({ spec: { template: { spec: { containers: [{ name: 'x', args: 'run' }] } } } }, 'V1Job', 'Job')).toEqual(['Job.spec.template.spec.containers[0].args: not a list']);
  });

  test.each([
    ['a Job', ['--config', 'test/fixtures/deploy/chaos.config.yml', 'test/fixtures/deploy/a/latency.yml', 'test/fixtures/deploy/b/latency.yml']],
    ['a CronJob', ['--schedule', '0 3 * * *', 'experiments/']],
  ])('%s: every object and field is known to the API, with the right type', async (_, argv) => {
    const docs = parseAllDocuments(await deploy(argv)).map((d) => d.toJS());
    expect(docs.length).toBeGreaterThanOrEqual(5);
    for (const d of docs) {
      expect(MODEL[d.kind], d.kind).toBeDefined();
      expect(d.apiVersion).toBe(API_VERSION[d.kind]);
      expect(problems(d, MODEL[d.kind]!, d.kind)).toEqual([]);
    }
  });
});
