// allowedContexts is policy: --yes never overrides it; without it, --yes (or a terminal) confirms.
import { describe, expect, it } from 'vitest';
import { guardContext } from '../../../src/commands/context-guard.js';
import type { CliIO } from '../../../src/ports.js';

function io(answer?: boolean): CliIO & { asked: string[]; err: string } {
  const out = { write: () => true } as unknown as CliIO['stdout'];
  const self = {
    asked: [] as string[],
    err: '',
    stdout: out,
    stderr: { write: (s: string) => ((self.err += s), true) } as unknown as CliIO['stderr'],
    env: {},
    cwd: '/',
    onSignal: () => () => undefined,
    onFatal: () => () => undefined,
    ...(answer === undefined ? {} : { confirm: async (q: string) => (self.asked.push(q), answer) }),
  };
  return self;
}

const prodKind = { context: 'kind-prod', server: 'https://prod.example:6443' };

describe('guardContext', () => {
  it('a context the list does not allow is refused even with --yes (exit 4), naming its server', async () => {
    const refused = guardContext(prodKind, ['staging', { server: 'https://staging.example:6443' }], true, io());
    await expect(refused).rejects.toMatchObject({
      kind: 'environment',
      message: 'context "kind-prod" (server https://prod.example:6443) is not in kubernetes.allowedContexts [staging, { server: https://staging.example:6443 }]: refusing to inject faults',
    });
    await expect(guardContext(prodKind, ['staging'], true, io())).rejects.toMatchObject({ hint: expect.stringMatching(/--yes does not override allowedContexts/) });
  });

  it('a server entry allows whatever context points at that server; a name entry the name', async () => {
    await expect(guardContext(prodKind, [{ server: 'https://PROD.example:6443/' }], false, io())).resolves.toBeUndefined();
    await expect(guardContext(prodKind, ['kind-*'], false, io())).resolves.toBeUndefined();
  });

  it('with a list, nobody is asked: the list decides', async () => {
    const tty = io(true);
    await expect(guardContext(prodKind, ['staging'], false, tty)).rejects.toMatchObject({ kind: 'environment' });
    expect(tty.asked).toEqual([]);
  });

  it('without a list: --yes goes ahead, a terminal asks, no terminal refuses', async () => {
    await expect(guardContext(prodKind, undefined, true, io())).resolves.toBeUndefined();
    const yes = io(true);
    await expect(guardContext(prodKind, undefined, false, yes)).resolves.toBeUndefined();
    expect(yes.asked).toEqual(['Inject faults into context "kind-prod"?']);
    await expect(guardContext(prodKind, undefined, false, io(false))).rejects.toMatchObject({ message: 'not confirmed: nothing was changed in context "kind-prod"' });
    await expect(guardContext(prodKind, undefined, false, io())).rejects.toMatchObject({ hint: expect.stringMatching(/pass --yes/) });
  });
});
