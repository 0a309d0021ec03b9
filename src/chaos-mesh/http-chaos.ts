// HTTPChaos: pod selector only (no containerNames); abort or delay matching traffic (REFERENCE §7).
import type { Renderer } from './renderer.js';
import { defined } from './renderer.js';

export const httpAbort: Renderer<'http_abort'> = ({ fault }) => ({
  kind: 'HTTPChaos',
  fields: defined({ target: fault.target, port: fault.port, path: fault.path, method: fault.method, code: fault.code, abort: true }),
});

export const httpDelay: Renderer<'http_delay'> = ({ fault }) => ({
  kind: 'HTTPChaos',
  fields: defined({
    target: fault.target,
    port: fault.port,
    path: fault.path,
    method: fault.method,
    code: fault.code,
    delay: fault.delay,
  }),
});
