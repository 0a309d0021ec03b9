// deploy/krew/chaos.yaml: once krew-release-bot fills it in, a krew Plugin whose bin is the package's
// kubectl-chaos bin inside the npm tarball (npm pack puts every file under package/).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** What krew-release-bot does with the template for tag v1.2.3. */
function render(template: string): string {
  return template
    .replace(/\{\{ addURIAndSha "([^"]+)" \.TagName \}\}/g, (_, uri: string) => `uri: ${uri}\n      sha256: ${'ab'.repeat(32)}`)
    .replaceAll('{{ .TagName }}', 'v1.2.3');
}

describe('krew manifest template', () => {
  const plugin = parse(render(readFileSync(join(ROOT, 'deploy', 'krew', 'chaos.yaml'), 'utf8')));

  test('is a krew Plugin named after the kubectl-<name> bin the package installs', () => {
    expect(plugin.apiVersion).toBe('krew.googlecontainertools.github.com/v1alpha2');
    expect(plugin.kind).toBe('Plugin');
    expect(pkg.bin[`kubectl-${plugin.metadata.name}`]).toBe('bin/kubectl-chaos.cjs');
    expect(plugin.spec.version).toBe('v1.2.3');
  });

  test('every platform unpacks the npm tarball and runs its kubectl-chaos bin', () => {
    expect(plugin.spec.platforms.length).toBeGreaterThan(0);
    for (const p of plugin.spec.platforms) {
      expect(p.uri).toMatch(/^https:\/\/github\.com\/.+\/releases\/download\/v1\.2\.3\/chaos\.tgz$/);
      expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(p.files).toEqual([{ from: 'package/*', to: '.' }]);
      expect(`bin/${p.bin.split('/').pop()}`).toBe(pkg.bin['kubectl-chaos']);
      expect(p.selector.matchExpressions[0].values).not.toContain('windows'); // a Node script, no .exe
    }
  });
});
