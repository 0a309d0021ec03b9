// Validation problems for people: `file:line:col  path  message`, in file order, then a count.
import type { Issue } from '../errors.js';

export function formatIssues(issues: Issue[]): string {
  const sorted = [...issues].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col));
  const lines = sorted.map((i) => `${i.file}:${i.line}:${i.col}  ${i.path}  ${i.severity === 'warning' ? 'warning: ' : ''}${i.message}`);
  const files = new Set(issues.map((i) => i.file)).size;
  lines.push(`${issues.length} problem${issues.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`);
  return lines.join('\n');
}
