// DNSChaos: error or random answers for matching names; no patterns = every name (REFERENCE §7).
import type { Renderer } from './renderer.js';
import { defined } from './renderer.js';

export const dnsError: Renderer<'dns_error'> = ({ fault }) => ({
  kind: 'DNSChaos',
  action: 'error',
  fields: defined({ containerNames: fault.containers, patterns: fault.patterns }),
});

export const dnsRandom: Renderer<'dns_random'> = ({ fault }) => ({
  kind: 'DNSChaos',
  action: 'random',
  fields: defined({ containerNames: fault.containers, patterns: fault.patterns }),
});
