import { describe, expect, it } from 'vitest';
import { escapePromString, resolveTemplate, templateVars } from '../../../src/criteria/template.js';

/** Reads the double-quoted PromQL string value of `label=` in a query, undoing escapes. */
function matcherValue(query: string, label: string): { value: string; rest: string } {
  const start = query.indexOf(`${label}="`) + label.length + 2;
  let value = '';
  for (let i = start; i < query.length; i++) {
    const c = query[i]!;
    if (c === '"') return { value, rest: query.slice(i + 1) };
    if (c === '\\') {
      const n = query[++i]!;
      value += n === 'n' ? '\n' : n === 'r' ? '\r' : n;
    } else value += c;
  }
  throw new Error('unterminated string');
}

describe('resolveTemplate', () => {
  it('fills {{name}} and {{ name }} and reports nothing missing', () => {
    const r = resolveTemplate('up{namespace="{{namespace}}",job="{{ service }}"}[{{window}}]', {
      namespace: 'shop',
      service: 'api',
      window: '5m',
    });
    expect(r).toEqual({ text: 'up{namespace="shop",job="api"}[5m]', missing: [] });
  });

  it('lists undefined and unknown variables once each and leaves them in place', () => {
    const r = resolveTemplate('a{x="{{dependency}}",y="{{dependency}}",z="{{nope}}"}', { dependency: undefined });
    expect(r.missing).toEqual(['dependency', 'nope']);
    expect(r.text).toContain('{{dependency}}');
    expect(r.text).toContain('{{nope}}');
  });

  it('does not treat inherited object properties as variables', () => {
    expect(resolveTemplate('{{constructor}}', {}).missing).toEqual(['constructor']);
  });

  it('a value with quotes, backslashes or newlines cannot break out of the label matcher', () => {
    const evil = 'prod"} or vector(1) or up{x="\\\n';
    const r = resolveTemplate('sum(up{namespace="{{namespace}}",job="api"})', { namespace: evil });
    const { value, rest } = matcherValue(r.text, 'namespace');
    expect(value).toBe(evil);
    expect(rest).toBe(',job="api"})');
    expect(r.text).not.toContain('\n');
  });

  it('escapePromString escapes exactly backslash, double quote and line breaks', () => {
    expect(escapePromString('a\\b"c\nd\re\'f')).toBe('a\\\\b\\"c\\nd\\re\'f');
  });
});

describe('templateVars', () => {
  it('lists each variable once in order of first use', () => {
    expect(templateVars('{{service}} {{ namespace }} {{service}} {{window}}')).toEqual(['service', 'namespace', 'window']);
    expect(templateVars('no templates {here}')).toEqual([]);
  });
});
