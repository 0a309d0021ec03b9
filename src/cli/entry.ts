// Process entry: everything else is testable through main(). `--help` and `--version` are answered
// before commander (and the rest of the CLI) is even loaded: start-up time is a budget (SPEC §8).
import { quickAnswer } from './quick.js';

const argv = process.argv.slice(2);
const quick = quickAnswer(argv);
if (quick !== undefined) {
  process.stdout.write(quick);
} else {
  const [{ main }, { processIO }] = await Promise.all([import('./main.js'), import('./io.js')]);
  process.exitCode = await main(argv, processIO());
}
