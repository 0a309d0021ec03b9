// Bundles dist/ (tsc's output) into CommonJS chunks in dist/bundle/: one file per lazily loaded part,
// so start-up reads a few files instead of thousands (@kubernetes/client-node alone is ~2,500).
import { rm } from 'node:fs/promises';
import { build } from 'rolldown';

await rm('dist/bundle', { recursive: true, force: true });
const { output } = await build({
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

// Chunks run in vm.Script (src/boot/code-cache.cts), where import() works only for other chunks (rolldown
// turns those into require): a dynamic import of anything else would fail at run time, so fail here.
const chunks = new Set(output.map((o) => o.fileName));
const dynamic = output.flatMap((o) => (o.type === 'chunk' ? o.dynamicImports.filter((d) => !chunks.has(d)).map((d) => `${o.fileName}: import('${d}')`) : []));
if (dynamic.length > 0) {
  console.error(`bundle: dynamic import() of a module outside the bundle (use a static import or process.getBuiltinModule):\n  ${dynamic.join('\n  ')}`);
  process.exit(1);
}
