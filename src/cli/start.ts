// The bundle's entry, loaded by bin/chaos.cjs (which answers --help and --version itself, with
// quick.ts): everything else is testable through main().
export async function start(argv: string[]): Promise<void> {
  const [{ main }, { processIO }] = await Promise.all([import('./main.js'), import('./io.js')]);
  process.exitCode = await main(argv, processIO());
}
