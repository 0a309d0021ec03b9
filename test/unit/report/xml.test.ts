// The well-formedness checker the JUnit and HTML tests rely on must reject what real parsers reject.
import { describe, expect, it } from 'vitest';
import { findAll, parseXml, textOf } from './xml.js';

describe('parseXml (test helper)', () => {
  it('accepts a well-formed document and decodes entities', () => {
    const root = parseXml('<?xml version="1.0"?>\n<a x="1 &lt; 2"><b>t &amp; u</b><b/><!-- c --></a>\n');
    expect(root.attrs.x).toBe('1 < 2');
    expect(findAll(root, 'b')).toHaveLength(2);
    expect(textOf(root)).toBe('t & u');
  });

  it.each([
    ['unclosed element', '<a><b></a>'],
    ['raw ampersand', '<a>x & y</a>'],
    ['unknown entity', '<a>&nbsp;</a>'],
    ['raw < in attribute', '<a x="<"/>'],
    ['duplicate attribute', '<a x="1" x="2"/>'],
    ['control character', '<a>\u0001</a>'],
    ['two roots', '<a/><b/>'],
    ['unquoted attribute', '<a x=1/>'],
  ])('rejects %s', (_what, doc) => {
    expect(() => parseXml(doc)).toThrow();
  });

  it('accepts the HTML doctype only when asked', () => {
    expect(() => parseXml('<!DOCTYPE html><html/>')).toThrow();
    expect(parseXml('<!DOCTYPE html>\n<html/>', { allowHtmlDoctype: true }).name).toBe('html');
  });
});
