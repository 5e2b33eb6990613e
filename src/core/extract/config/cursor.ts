// The shared moving part of the hand-written config readers (HOCON, TOML): a position in the recorder's
// text, positioned problems (capped per file), blank/comment skipping and line skipping.
import type { ConfigRecorder } from './record';

const MAX_PROBLEMS = 10;

export abstract class TextCursor {
  protected pos = 0;
  protected readonly text: string;

  constructor(
    protected readonly recorder: ConfigRecorder,
    /** The format's name in messages (`invalid HOCON: …`). */
    private readonly language: string,
  ) {
    this.text = recorder.text;
  }

  /** Whether a comment starts at `pos` (the format decides: `#`, `//`). */
  protected abstract commentAt(pos: number): boolean;

  protected problem(offset: number, message: string): void {
    const facts = this.recorder.facts;
    if (facts.problems.length >= MAX_PROBLEMS) return;
    const at = this.recorder.index.position(offset);
    facts.problems.push({
      file: facts.file,
      line: at.line,
      column: at.column,
      severity: 'warning',
      message: `invalid ${this.language}: ${message}`,
    });
  }

  /** Blanks and comments; also the characters in `more` (newlines, commas) when given. */
  protected skipBlank(more = ''): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c === ' ' || c === '\t' || c === '\r' || c === '\uFEFF' || (more && more.includes(c))) this.pos++;
      else if (this.commentAt(this.pos)) {
        const nl = t.indexOf('\n', this.pos);
        this.pos = nl < 0 ? t.length : nl;
      } else break;
    }
  }

  protected skipLine(): void {
    const nl = this.text.indexOf('\n', this.pos);
    this.pos = nl < 0 ? this.text.length : nl + 1;
  }
}
