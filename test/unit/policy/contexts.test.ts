// allowedContexts: name globs match the context's name, { server } entries what it points at.
import { describe, expect, it } from 'vitest';
import { allowingEntry, normaliseServer } from '../../../src/policy/contexts.js';

describe('normaliseServer', () => {
  it.each([
    ['https://Staging.Example:443/', 'https://staging.example'],
    ['https://staging.example', 'https://staging.example'],
    ['http://h:80//', 'http://h'],
    ['https://10.0.0.1:6443', 'https://10.0.0.1:6443'],
    ['https://rancher.example/k8s/clusters/c-1/', 'https://rancher.example/k8s/clusters/c-1'],
    ['https://[::1]:6443', 'https://[::1]:6443'],
    ['https://127.0.0.1:*', 'https://127.0.0.1:*'],
  ])('%s → %s', (url, want) => expect(normaliseServer(url)).toBe(want));
});

describe('allowingEntry', () => {
  const prod = { name: 'kind-prod', server: 'https://prod.example:6443' };
  it('a name glob matches the context name', () => {
    expect(allowingEntry(prod, ['kind-*'])).toBe('kind-*');
    expect(allowingEntry(prod, ['staging'])).toBeUndefined();
  });
  it('a server entry matches the server the context points at, whatever its name', () => {
    const staging = { server: 'https://staging.example:6443/' };
    expect(allowingEntry(prod, [staging])).toBeUndefined();
    expect(allowingEntry({ name: 'kind-prod', server: 'https://STAGING.example:6443' }, [staging])).toBe(staging);
    expect(allowingEntry({ name: 'x', server: 'https://staging.example' }, [{ server: 'https://staging.example:443' }])).toBeDefined();
    expect(allowingEntry({ name: 'kind-x', server: 'https://127.0.0.1:41234' }, [{ server: 'https://127.0.0.1:*' }])).toBeDefined();
  });
  it('a server entry is never matched against the name, nor a name against the server', () => {
    expect(allowingEntry({ name: 'https://prod.example:6443', server: 'https://other' }, [{ server: 'https://prod.example:6443' }])).toBeUndefined();
    expect(allowingEntry({ name: 'ctx', server: 'https://staging' }, ['https://staging'])).toBeUndefined();
  });
});
