// A strict XML 1.0 well-formedness checker and tiny DOM for report tests (no new dependency, and
// xmllint is not on every machine). Throws with the offset on the first violation.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element. */
  text: string;
}

const NAME = /[A-Za-z_:][\w:.-]*/y;
const ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ENTITY = /&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/y;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(src: string, opts: { allowHtmlDoctype?: boolean } = {}): XmlElement {
  const bad = ILLEGAL.exec(src);
  if (bad) throw new Error(`illegal XML character U+${bad[0].codePointAt(0)?.toString(16)} at ${bad.index}`);
  let i = 0;
  const fail = (msg: string): never => {
    throw new Error(`${msg} at offset ${i}: ${JSON.stringify(src.slice(i, i + 40))}`);
  };
  const skipWs = (): void => {
    while (i < src.length && /\s/.test(src[i] as string)) i++;
  };
  const name = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(src);
    if (!m) fail('expected a name');
    i += (m as RegExpExecArray)[0].length;
    return (m as RegExpExecArray)[0];
  };
  const decode = (raw: string, where: string): string => {
    let out = '';
    for (let k = 0; k < raw.length; k++) {
      const ch = raw[k] as string;
      if (ch === '<') fail(`raw < in ${where}`);
      if (ch !== '&') {
        out += ch;
        continue;
      }
      ENTITY.lastIndex = k;
      const m = ENTITY.exec(raw);
      if (!m) fail(`bad entity reference in ${where}`);
      const ref = (m as RegExpExecArray)[1] as string;
      out += NAMED[ref] ?? String.fromCodePoint(ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
      k += (m as RegExpExecArray)[0].length - 1;
    }
    return out;
  };
  const misc = (): boolean => {
    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i + 4);
      if (end < 0 || src.slice(i + 4, end).includes('--')) fail('bad comment');
      i = end + 3;
      return true;
    }
    if (src.startsWith('<?', i)) {
      const end = src.indexOf('?>', i);
      if (end < 0) fail('unterminated processing instruction');
      i = end + 2;
      return true;
    }
    return false;
  };
  const element = (): XmlElement => {
    if (src[i] !== '<') fail('expected <');
    i++;
    const el: XmlElement = { name: name(), attrs: {}, children: [], text: '' };
    for (;;) {
      const before = i;
      skipWs();
      if (src.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (src[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail('expected whitespace before an attribute');
      const attr = name();
      if (attr in el.attrs) fail(`duplicate attribute ${attr}`);
      skipWs();
      if (src[i] !== '=') fail('expected =');
      i++;
      skipWs();
      const q = src[i];
      if (q !== '"' && q !== "'") fail('expected a quoted attribute value');
      const end = src.indexOf(q as string, i + 1);
      if (end < 0) fail('unterminated attribute value');
      el.attrs[attr] = decode(src.slice(i + 1, end), `attribute ${attr}`);
      i = end + 1;
    }
    for (;;) {
      if (i >= src.length) fail(`unclosed <${el.name}>`);
      if (src.startsWith('</', i)) {
        i += 2;
        if (name() !== el.name) fail(`mismatched closing tag for <${el.name}>`);
        skipWs();
        if (src[i] !== '>') fail('expected >');
        i++;
        return el;
      }
      if (src.startsWith('<![CDATA[', i)) {
        const end = src.indexOf(']]>', i);
        if (end < 0) fail('unterminated CDATA');
        el.text += src.slice(i + 9, end);
        i = end + 3;
      } else if (misc()) {
        continue;
      } else if (src[i] === '<') {
        el.children.push(element());
      } else {
        const end = src.indexOf('<', i);
        const raw = src.slice(i, end < 0 ? src.length : end);
        if (raw.includes(']]>')) fail(']]> in text');
        el.text += decode(raw, `<${el.name}> text`);
        i += raw.length;
      }
    }
  };
  if (src.startsWith('<?xml', 0)) misc();
  for (;;) {
    skipWs();
    if (opts.allowHtmlDoctype && src.startsWith('<!DOCTYPE html>', i)) i += '<!DOCTYPE html>'.length;
    else if (!misc()) break;
  }
  const root = element();
  for (;;) {
    skipWs();
    if (!misc()) break;
  }
  if (i !== src.length) fail('content after the root element');
  return root;
}

/** Every element named `name` below (and including) `el`, in document order. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  const out = el.name === name ? [el] : [];
  for (const c of el.children) out.push(...findAll(c, name));
  return out;
}

/** All text below `el`. */
export function textOf(el: XmlElement): string {
  return el.text + el.children.map(textOf).join('');
}
