// The renderer's parts: file texts survive the ConfigMap exactly, keys are valid and unique, and the
// schedule grammar is Kubernetes' (five fields or a macro).
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { blockText, configMapKeys } from '../../../src/deploy/manifests.js';
import { cronProblem } from '../../../src/deploy/cron.js';

describe('blockText', () => {
  test.each([
    ['one line\n'],
    ['no newline at the end'],
    ['two trailing newlines\n\n'],
    ['a\n\n\nblank lines inside\n'],
    ['  leading spaces\n'],
    ['\nleading newline\n'],
    ['trailing spaces   \nnext\n'],
    ['tab\tinside\n\tand at a line start\n'],
    ['windows\r\nline ends\r\n'],
    ['unicode: é ✓ 𝄞\n'],
    ['del \u007f and nel \u0085\n'],
    ['---\n...\n# not a comment\nkey: "value"\n'],
    [''],
  ])('%j reads back as the same text', (text) => {
    const yaml = `data:\n  key: ${blockText(text, '    ')}\n`;
    expect(parse(yaml).data.key).toBe(text);
  });

  test('plain files become literal blocks (readable in kubectl get -o yaml)', () => {
    expect(blockText('a: 1\nb: 2\n', '  ')).toBe('|\n  a: 1\n  b: 2');
  });
});

describe('configMapKeys', () => {
  test('basenames, de-duplicated with -2, -3; the config key is reserved; invalid characters replaced', () => {
    expect(configMapKeys(['a/x.yml', 'b/x.yml', 'c/x.yml', 'chaos.config.yml', 'd/my file.yaml', 'e\\y.yml'])).toEqual([
      'x.yml', 'x-2.yml', 'x-3.yml', 'chaos.config-2.yml', 'my-file.yaml', 'y.yml',
    ]);
  });
});

describe('cronProblem', () => {
  test.each(['0 3 * * *', '*/15 * * * *', '0 0 1,15 * ?', '0 9-17/2 * JAN-MAR mon-fri', '0 0 * * 7', '@daily', '@hourly', ' 5 4 * * sun '])('accepts %j', (s) => {
    expect(cronProblem(s)).toBeUndefined();
  });
  test.each([
    ['', /expected 5 fields/],
    ['0 3 * * * *', /got 6/],
    ['60 * * * *', /minute "60"/],
    ['0 0 0 * *', /day of month "0"/],
    ['0 0 * 13 *', /month "13"/],
    ['0 0 * * 8', /day of week "8"/],
    ['? * * * *', /minute "\?"/],
    ['5-1 * * * *', /backwards/],
    ['1/2/3 * * * *', /more than one/],
    ['a * * * *', /minute "a"/],
    ['@reboot', /unknown macro/],
    ['TZ=Europe/Paris 0 3 * * *', /time zone/],
  ])('refuses %j', (s, why) => {
    expect(cronProblem(s)).toMatch(why);
  });
});
