// Preloaded with --import: on exit, writes the process's peak RSS (KB) to $CHAOS_BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

process.on('exit', () => writeFileSync(process.env.CHAOS_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));
