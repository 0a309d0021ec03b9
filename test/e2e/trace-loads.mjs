// Preloaded with --import in e2e tests: appends every resolved module URL to $CHAOS_TRACE_LOADS.
import { register } from 'node:module';

const hook = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(process.env.CHAOS_TRACE_LOADS, r.url + '\\n');
  return r;
}`;
register('data:text/javascript,' + encodeURIComponent(hook));
