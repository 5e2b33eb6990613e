// Fitting text into a terminal's width: words wrap at spaces, file paths at `/`, so nothing is cut off
// and every character of the wide output is still there, only on more lines.

/**
 * Splits `text` into lines of at most `width` characters, breaking after spaces; a word longer than a line
 * (a path, a dotted key) breaks after its `/`s and `.`s, and only what is still too long is split.
 */
export function wrapWords(text: string, width: number): string[] {
  return wrapAt(text, width, /(?<= )/, (piece) => piece.split(/(?<=[/.])/));
}

/** Splits a `dir/dir/file:line:col` cell into lines of at most `width`, breaking after a `/`. */
export function wrapPath(text: string, width: number): string[] {
  return wrapAt(text, width, /(?<=\/)/);
}

function wrapAt(text: string, width: number, after: RegExp, finer?: (piece: string) => string[]): string[] {
  if (width < 1) throw new RangeError(`width ${width} leaves no room for text`);
  if (text.length <= width) return [text];
  const lines: string[] = [];
  let line = '';
  const pieces = text.split(after).flatMap((piece) => (finer && piece.trimEnd().length > width ? finer(piece) : [piece]));
  for (const piece of pieces) {
    if (line.length + piece.trimEnd().length <= width) {
      line += piece;
      continue;
    }
    if (line) lines.push(line.trimEnd());
    line = piece;
    // A piece wider than the line on its own: hard breaks.
    while (line.trimEnd().length > width) {
      lines.push(line.slice(0, width));
      line = line.slice(width);
    }
  }
  if (line.trimEnd() || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/**
 * `prefix` + text, wrapped to `width`; continuation lines are indented by `hang` spaces. No width means
 * one line, as `--wide` asks.
 */
export function hangingLines(prefix: string, text: string, width: number | undefined, hang = prefix.length): string[] {
  if (width === undefined || prefix.length + text.length <= width) return [prefix + text];
  const first = wrapWords(text, Math.max(1, width - prefix.length));
  const head = first[0]!;
  const rest = text.slice(head.length).trimStart();
  return [prefix + head, ...wrapWords(rest, Math.max(1, width - hang)).map((line) => ' '.repeat(hang) + line)];
}
