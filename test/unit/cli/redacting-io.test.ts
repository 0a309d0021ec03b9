import { describe, expect, it } from 'vitest';
import { redactingIO } from '../../../src/cli/io.js';
import type { CliIO, Output } from '../../../src/ports.js';

function recordingIO(env: Record<string, string>) {
  const written = { stdout: '', stderr: '' };
  const out = (k: 'stdout' | 'stderr'): Output => ({ isTTY: false, write: (t) => void (written[k] += t) });
  let confirmRead = 0;
  const io: CliIO = {
    stdout: out('stdout'),
    stderr: out('stderr'),
    env,
    cwd: '/w',
    onSignal: () => () => {},
    onFatal: () => () => {},
    get confirm() {
      confirmRead++;
      return undefined;
    },
  };
  return { io, written, confirmReads: () => confirmRead };
}

describe('redactingIO', () => {
  it('masks secret-looking env values on both streams, and credential shapes on stderr only', () => {
    const { io, written } = recordingIO({ DEPLOY_TOKEN: 'tok-abcdef123', HOME: '/home/u' });
    const r = redactingIO(io);
    r.stdout.write('token tok-abcdef123, Authorization: Bearer abcdefgh12 in /home/u\n');
    r.stderr.write('token tok-abcdef123, Authorization: Bearer abcdefgh12 in /home/u\n');
    expect(written.stdout).toBe('token ***, Authorization: Bearer abcdefgh12 in /home/u\n');
    expect(written.stderr).toBe('token ***, Authorization: Bearer *** in /home/u\n');
  });

  it('masks secrets learnt later (those the config names) from then on', () => {
    const { io, written } = recordingIO({});
    const r = redactingIO(io);
    r.stderr.write('pass p4ssw0rd-x\n');
    r.addSecrets?.(['p4ssw0rd-x']);
    r.stderr.write('pass p4ssw0rd-x\n');
    expect(written.stderr).toBe('pass p4ssw0rd-x\npass ***\n');
  });

  it('passes everything else through without reading it early (confirm creates process.stdin)', () => {
    const { io, confirmReads } = recordingIO({});
    const r = redactingIO(io);
    expect(confirmReads()).toBe(0);
    expect(r.cwd).toBe('/w');
    expect(r.confirm).toBeUndefined();
    expect(confirmReads()).toBe(1);
  });
});
