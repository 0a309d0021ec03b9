// Escaping for XML (JUnit) and HTML/SVG: the HTML report is also well-formed XML, so one escaper serves both.

/** Characters XML 1.0 forbids even as references (control chars, lone surrogates, U+FFFE/U+FFFF). */
const ILLEGAL_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function stripIllegalXml(s: string): string {
  return s.replace(ILLEGAL_XML, '');
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text content and attribute values alike. */
export function escapeXml(s: string): string {
  return stripIllegalXml(s).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Attribute values: also keep newlines and tabs, which parsers would otherwise normalise to spaces. */
export function escapeAttr(s: string): string {
  return escapeXml(s).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
