// Keeps the last lines of a hook's output in bounded memory: a load generator may print for minutes,
// and a line without a newline (a progress bar, a binary dump) must not grow without limit either.
import { StringDecoder } from 'node:string_decoder';

export const DEFAULT_TAIL_LINES = 40;
export const MAX_LINE_CHARS = 1000;

/** Last `maxLines` lines, each capped at `MAX_LINE_CHARS`. */
export class OutputTail {
  private readonly lines: string[] = [];
  constructor(private readonly maxLines: number = DEFAULT_TAIL_LINES) {}

  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.maxLines) this.lines.shift();
  }

  text(): string {
    return this.lines.join('\n');
  }
}

/** Splits one byte stream into lines; one splitter per stream so stdout and stderr never mix mid-line. */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';
  private truncated = false;

  constructor(private readonly emit: (line: string) => void) {}

  write(chunk: Buffer | string): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const pieces = text.split('\n');
    const last = pieces.pop() ?? '';
    for (const piece of pieces) {
      this.append(piece);
      this.flushLine();
    }
    this.append(last);
  }

  end(): void {
    this.append(this.decoder.end());
    if (this.partial.length > 0 || this.truncated) this.flushLine();
  }

  private append(text: string): void {
    const room = MAX_LINE_CHARS - this.partial.length;
    if (text.length > room) {
      this.partial += text.slice(0, Math.max(0, room));
      this.truncated = true;
    } else {
      this.partial += text;
    }
  }

  private flushLine(): void {
    // A carriage return redraws the line in a terminal: keep what would be visible.
    const line = this.partial.replace(/\r$/, '');
    const visible = line.includes('\r') ? line.slice(line.lastIndexOf('\r') + 1) : line;
    this.emit(this.truncated ? `${visible}…` : visible);
    this.partial = '';
    this.truncated = false;
  }
}
