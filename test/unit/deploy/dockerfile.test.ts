// The Dockerfile cannot be built here (no Docker engine), so what ties it to the rest is checked:
// it installs the tarball `npm pack` names, runs the `chaos` bin as the uid `chaos deploy` sets, and
// `chaos deploy`'s default image is tagged with the package version.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { RUN_AS_USER } from '../../../src/deploy/manifests.js';
import { DEFAULT_IMAGE } from '../../../src/commands/deploy.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const instructions = dockerfile.split('\n').filter((l) => /^[A-Z]+ /.test(l));

describe('Dockerfile', () => {
  test('Node 20 slim, the npm tarball installed globally, non-root, ENTRYPOINT chaos', () => {
    expect(instructions[0]).toBe('FROM node:20-slim');
    expect(instructions).toContain(`COPY ${pkg.name}-\${VERSION}.tgz /tmp/chaos.tgz`);
    expect(dockerfile).toMatch(/npm install --global [^\n]*\/tmp\/chaos\.tgz/);
    expect(instructions).toContain('USER node');
    expect(instructions).toContain('ENTRYPOINT ["chaos"]');
    expect(pkg.bin.chaos).toBeDefined();
    expect(instructions.findIndex((l) => l.startsWith('USER'))).toBeGreaterThan(instructions.findIndex((l) => l.startsWith('RUN')));
  });

  test('the node image\'s user is the uid the deployed pod runs as; the default image carries the package version', () => {
    expect(dockerfile).toMatch(new RegExp(`uid ${RUN_AS_USER} \\(the image's \`node\` user\\)`));
    expect(DEFAULT_IMAGE).toBe(`ghcr.io/materi/chaos:${pkg.version}`);
  });

  test('.dockerignore sends only the tarball to the build', () => {
    const lines = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines).toEqual(['*', `!${pkg.name}-*.tgz`]);
  });
});
