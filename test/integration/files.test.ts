// Folders for reports (and caches): made one level at a time, refused clearly, never a hang.
import { afterEach, describe, expect, test } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDirs, prepareOutputPaths } from '../../src/adapters/files.js';
import { EnvironmentError } from '../../src/errors.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const temp = () => (dir = mkdtempSync(join(tmpdir(), 'chaos-files-')));

describe('makeDirs', () => {
  test('makes every missing level and accepts folders that exist', () => {
    const root = temp();
    makeDirs(join(root, 'a', 'b', 'c'));
    expect(existsSync(join(root, 'a', 'b', 'c'))).toBe(true);
    makeDirs(join(root, 'a', 'b'));
  });

  test('throws (instead of looping for ever, as Node 20 recursive mkdir does) under /proc and under a file', () => {
    expect(() => makeDirs('/proc/chaos-no-such-dir/x')).toThrow(/ENOENT/);
    const file = join(temp(), 'file');
    writeFileSync(file, '');
    expect(() => makeDirs(join(file, 'x'))).toThrow(/ENOTDIR/);
  });
});

describe('prepareOutputPaths', () => {
  test('makes report folders before a run, relative to the working folder', () => {
    const root = temp();
    prepareOutputPaths(['out/junit.xml', 'reports/html/run.html'], root);
    expect(existsSync(join(root, 'out'))).toBe(true);
    expect(existsSync(join(root, 'reports', 'html'))).toBe(true);
  });

  test('a folder that cannot be made is an environment error naming the path, with a hint', () => {
    const file = join(temp(), 'file');
    writeFileSync(file, '');
    const attempt = () => prepareOutputPaths([join(file, 'junit.xml')], dir);
    expect(attempt).toThrow(EnvironmentError);
    expect(attempt).toThrow(/cannot write .*junit\.xml: .* is not a writable folder \(ENOTDIR\)/);
  });
});
