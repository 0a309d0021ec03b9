import { describe, expect, it } from 'vitest';
import { criterion as shared } from '../../support/experiments.js';
import { extreme, formatMs, isAbortTriggered, isConfirmedBreach, judgeCriterion } from '../../../src/criteria/judge.js';
import type { Criterion, Op, When } from '../../../src/experiment/model.js';
import type { Sample, SamplePhase } from '../../../src/lifecycle/journal.js';

function criterion(op: Op, value: number, when: When, forMs?: number): Criterion {
  return shared(`m ${op} ${value}`, { metric: 'm', query: 'm', op, value, display: String(value), when, forMs });
}

/** Samples every 10 s in one phase, from a compact notation: M = met, B = breached, - = no data. */
function series(phase: SamplePhase, states: string, values: number[] = [], t0 = 0): Sample[] {
  return [...states].map((ch, i) => {
    const t = t0 + i * 10_000;
    if (ch === '-') return { t, phase, state: 'no-data', error: `timeout at ${t}` };
    return { t, phase, state: ch === 'M' ? 'met' : 'breached', value: values[i] ?? (ch === 'M' ? 0 : 1) };
  });
}

const lt = (when: When, forMs?: number) => criterion('<', 0.5, when, forMs);

describe('judgeCriterion: always', () => {
  it.each([
    ['MMMM', 'met'],
    ['MMBM', 'breached'],
    ['MM-M', 'no-data'],
    ['M-BM', 'breached'],
    ['----', 'no-data'],
  ] as const)('fault samples %s → %s', (states, verdict) => {
    expect(judgeCriterion(lt('always'), series('fault', states)).verdict).toBe(verdict);
  });

  it('is no-data without fault samples, whatever the baseline said', () => {
    const j = judgeCriterion(lt('always'), series('baseline', 'MMM'));
    expect(j.verdict).toBe('no-data');
    expect(j.reason).toMatch(/no samples during the fault/);
  });

  it('ignores baseline and recovery samples', () => {
    const s = [...series('baseline', 'BB'), ...series('fault', 'MMM', [], 20_000), ...series('recovery', 'B', [], 50_000)];
    expect(judgeCriterion(lt('always'), s).verdict).toBe('met');
  });

  it('reports the worst value: max for <, min for >', () => {
    const s = series('fault', 'MBBM', [0.1, 0.9, 0.7, 0.2]);
    expect(judgeCriterion(lt('always'), s)).toMatchObject({ verdict: 'breached', worst: 0.9 });
    const gt = series('fault', 'MBBM', [0.99, 0.4, 0.3, 0.98]);
    expect(judgeCriterion(criterion('>', 0.95, 'always'), gt)).toMatchObject({ verdict: 'breached', worst: 0.3 });
  });

  it('explains a no-data verdict with the first error', () => {
    const j = judgeCriterion(lt('always'), series('fault', 'M-M-'));
    expect(j.reason).toBe('no data in 2 of 4 samples: timeout at 10000');
  });

  it('sorts samples by time before judging', () => {
    const s = series('fault', 'BBBM').reverse();
    expect(isConfirmedBreach(lt('always', 20_000), s)).toBe(true);
  });
});

describe('judgeCriterion: which series', () => {
  it('names the series that breached, across the fault samples, at most three then a count', () => {
    const s = series('fault', 'MBB', [1, 0, 0]);
    s[1]!.series = ['up{instance="b"}'];
    s[2]!.series = ['up{instance="b"}', 'up{instance="c"}'];
    const j = judgeCriterion(criterion('==', 1, 'always'), s);
    expect(j.verdict).toBe('breached');
    expect(j.reason).toBe('breached in 2 of 3 samples during the fault (worst 0, expected == 1); breaching series: up{instance="b"}, up{instance="c"}');
    s[2]!.series = ['a{}', 'b{}', 'c{}', 'd{}', 'e{}'];
    expect(judgeCriterion(criterion('==', 1, 'always'), s).reason).toMatch(/breaching series: up\{instance="b"\}, a\{\}, b\{\}, and 3 more$/);
  });

  it('says nothing about series when the query answered one', () => {
    expect(judgeCriterion(criterion('==', 1, 'always'), series('fault', 'MB', [1, 0])).reason).not.toMatch(/series/);
  });
});

describe('judgeCriterion: always with for', () => {
  it.each([
    // samples 10 s apart; for: 20s needs three consecutive breached samples
    ['MBBMBBM', 20_000, 'met'],
    ['MBBBMMM', 20_000, 'breached'],
    ['MB-BMMM', 20_000, 'breached'], // a no-data gap does not disprove a breach
    ['MBMBMBM', 10_000, 'met'],
    ['MBBMBB-', 20_000, 'no-data'],
  ] as const)('%s with for %dms → %s', (states, forMs, verdict) => {
    expect(judgeCriterion(lt('always', forMs), series('fault', states)).verdict).toBe(verdict);
  });

  it('says when short breaches were ignored', () => {
    const j = judgeCriterion(lt('always', 30_000), series('fault', 'MBBMM'));
    expect(j.verdict).toBe('met');
    expect(j.reason).toMatch(/2 breached samples never lasted 30s/);
  });
});

describe('judgeCriterion: eventually', () => {
  const ev = (forMs?: number) => criterion('!=', 0, 'eventually', forMs);

  it.each([
    ['BBMB', '', 'met'],
    ['BBBB', '', 'breached'],
    ['B--B', '', 'breached'],
    ['----', '', 'no-data'],
    ['', 'M', 'met'], // met during recovery counts
  ] as const)('fault %s recovery %s → %s', (fault, recovery, verdict) => {
    const s = [...series('fault', fault), ...series('recovery', recovery, [], 100_000)];
    expect(judgeCriterion(ev(), s).verdict).toBe(verdict);
  });

  it('needs the met state sustained for `for`', () => {
    expect(judgeCriterion(ev(20_000), series('fault', 'BMMBB')).verdict).toBe('breached');
    expect(judgeCriterion(ev(20_000), series('fault', 'BMMMB')).verdict).toBe('met');
    // a gap does not prove the condition held
    expect(judgeCriterion(ev(20_000), series('fault', 'BM-MB')).verdict).toBe('breached');
  });

  it('is no-data when met was too short to prove and nothing breached', () => {
    const j = judgeCriterion(ev(60_000), series('fault', 'MM'));
    expect(j.verdict).toBe('no-data');
    expect(j.reason).toMatch(/never for 1m/);
  });

  it('ignores baseline samples (the condition must happen because of the fault)', () => {
    const s = [...series('baseline', 'M', [1]), ...series('fault', 'BB', [0, 0], 10_000)];
    expect(judgeCriterion(ev(), s).verdict).toBe('breached');
  });

  it('reports the best value seen', () => {
    const s = series('fault', 'BBB', [0.9, 0.6, 0.7]);
    expect(judgeCriterion(criterion('<', 0.5, 'eventually'), s)).toMatchObject({ verdict: 'breached', worst: 0.6 });
  });
});

describe('judgeCriterion: end', () => {
  it.each([
    ['BBM', 'met'],
    ['MMB', 'breached'],
    ['MM-', 'no-data'],
    ['', 'no-data'],
  ] as const)('end samples %s → %s (the last one decides)', (states, verdict) => {
    expect(judgeCriterion(lt('end'), series('end', states)).verdict).toBe(verdict);
  });

  it('ignores fault samples and shows the deciding value', () => {
    const s = [...series('fault', 'BBB', [1, 1, 1]), ...series('end', 'M', [0.2], 100_000)];
    expect(judgeCriterion(lt('end'), s)).toMatchObject({ verdict: 'met', worst: 0.2 });
  });
});

describe('isConfirmedBreach', () => {
  it('fires on the first breach without `for`', () => {
    expect(isConfirmedBreach(lt('always'), series('fault', 'MMB'))).toBe(true);
    expect(isConfirmedBreach(lt('always'), series('fault', 'MM-'))).toBe(false);
  });

  it('honours `for`', () => {
    expect(isConfirmedBreach(lt('always', 20_000), series('fault', 'MBB'))).toBe(false);
    expect(isConfirmedBreach(lt('always', 20_000), series('fault', 'MBBB'))).toBe(true);
  });

  it('never fires for eventually/end criteria or on baseline samples', () => {
    expect(isConfirmedBreach(lt('eventually'), series('fault', 'BBBB'))).toBe(false);
    expect(isConfirmedBreach(lt('end'), series('fault', 'BBBB'))).toBe(false);
    expect(isConfirmedBreach(lt('always'), series('baseline', 'BBBB'))).toBe(false);
  });
});

describe('isAbortTriggered', () => {
  it('fires when the abort condition is met (sustained for `for`) during the fault', () => {
    const abort = criterion('>', 0.5, 'always', 10_000);
    expect(isAbortTriggered(abort, series('fault', 'BMB'))).toBe(false);
    expect(isAbortTriggered(abort, series('fault', 'BMM'))).toBe(true);
    expect(isAbortTriggered(criterion('>', 0.5, 'always'), series('fault', 'BBM'))).toBe(true);
  });
});

describe('helpers', () => {
  it.each([
    ['<', [0.1, 0.9, 0.3], 'worst', 0.9],
    ['>=', [0.1, 0.9, 0.3], 'worst', 0.1],
    ['==', [1, 4, 2], 'worst', 4],
    ['!=', [3, 1, 2], 'worst', 1],
    ['<', [0.1, 0.9, 0.3], 'best', 0.1],
    ['>', [0.1, 0.9, 0.3], 'best', 0.9],
  ] as const)('extreme(%s, threshold 1, %j, %s) = %d', (op, vs, which, expected) => {
    expect(extreme(op, 1, vs, which)).toBe(expected);
  });

  it.each([
    [500, '500ms'],
    [30_000, '30s'],
    [90_000, '1m30s'],
    [3_600_000, '1h'],
  ])('formatMs(%d) = %s', (ms, text) => {
    expect(formatMs(ms)).toBe(text);
  });
});
