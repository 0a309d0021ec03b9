// Bundles dist/ (tsc's output) into CommonJS chunks in dist/bundle/: one file per lazily loaded part,
// so start-up reads a few files instead of thousands (@kubernetes/client-node alone is ~2,500).
import { rm } from 'node:fs/promises';
import { build } from 'rolldown';

await rm('dist/bundle', { recursive: true, force: true });
await build({
  input: { start: 'dist/cli/start.js', quick: 'dist/cli/quick.js' },
  platform: 'node',
  logLevel: 'warn',
  output: {
    dir: 'dist/bundle',
    format: 'cjs',
    entryFileNames: '[name].cjs',
    chunkFileNames: '[name]-[hash].cjs',
    // A fixed name, so tests and the bench can tell whether the Kubernetes client was loaded.
    codeSplitting: { groups: [{ name: 'kubernetes-client', test: /node_modules[\\/]@kubernetes[\\/]client-node[\\/]/ }] },
  },
});
