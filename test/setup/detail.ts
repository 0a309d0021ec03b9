// Unit tests call the pure parsers directly, which need zod's explanations and the full YAML parser for
// some input; the CLI loads them on demand (withDetail), which test/unit/experiment/detail.test.ts covers.
import { loadDetail } from '../../src/experiment/detail.js';

await loadDetail();
