// Bundles dist/ (tsc's output) into CommonJS chunks in dist/bundle/: one file per lazily loaded part,
// so start-up reads a few files instead of thousands (@kubernetes/client-node alone is ~2,500).
import { rm } from 'node:fs/promises';
import { build } from 'rolldown';

await rm('dist/bundle', { recursive: true, force: true });
const { output } = await build({
  input: { start: 'dist/cli/start.js', quick: 'dist/cli/quick.js', 'kubectl-argv': 'dist/cli/kubectl-argv.js' },
  platform: 'node',
  // Shared code may live in an entry chunk (version.ts in quick.cjs) rather than a facade and a chunk: --help reads one file.
  preserveEntrySignatures: 'allow-extension',
  logLevel: 'warn',
  plugins: [lazyChildProcessForCommander()],
  output: {
    dir: 'dist/bundle',
    format: 'cjs',
    entryFileNames: '[name].cjs',
    chunkFileNames: '[name]-[hash].cjs',
    // Fixed names, so tests and the bench can tell which heavy libraries a command loaded.
    codeSplitting: {
      groups: [
        { name: 'kubernetes-client', test: /node_modules[\\/]@kubernetes[\\/]client-node[\\/]/ },
        { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
        { name: 'yaml', test: /node_modules[\\/]yaml[\\/]/ },
      ],
    },
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

// The bundle carries third-party code, so it carries their licences: one notice per bundled package.
const { readdirSync, readFileSync, writeFileSync } = await import('node:fs');
const roots = new Map();
for (const o of output) {
  if (o.type !== 'chunk') continue;
  for (const id of o.moduleIds) {
    const m = /^(.*node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(id);
    if (m) roots.set(m[1], true);
  }
}
const notices = [...roots.keys()].map((root) => {
  const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
  const file = readdirSync(root).find((f) => /^(licen[cs]e|copying)/i.test(f));
  const text = file ? readFileSync(`${root}/${file}`, 'utf8').trim() : `(no licence file; package.json says ${pkg.license})`;
  return { title: `${pkg.name}@${pkg.version} — ${pkg.license ?? 'see text'}`, text };
});
notices.sort((a, b) => a.title.localeCompare(b.title));
writeFileSync(
  'dist/bundle/THIRD-PARTY-LICENSES.txt',
  `Packages bundled into dist/bundle/ by scripts/bundle.mjs, with their licences.\n\n` +
    notices.map((n) => `${'='.repeat(78)}\n${n.title}\n${'='.repeat(78)}\n${n.text}\n`).join('\n'),
);

/**
 * commander requires node:child_process when it loads, only to spawn git-style executable subcommands,
 * which chaos has none of; loading it (with net, dgram and streams) costs every command ~4 ms of start-up.
 * Here commander gets it on first use instead.
 */
function lazyChildProcessForCommander() {
  const id = '\0lazy-child-process';
  return {
    name: 'lazy-child-process-for-commander',
    resolveId(source, importer) {
      if ((source === 'node:child_process' || source === 'child_process') && /node_modules[\\/]commander[\\/]/.test(importer ?? '')) return id;
      return null;
    },
    load(loading) {
      if (loading !== id) return null;
      return `let cp;\nmodule.exports = new Proxy({}, { get: (_, key) => (cp ??= require('node:child_process'))[key] });\n`;
    },
  };
}

