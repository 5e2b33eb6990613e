// Fitting text into a terminal's width: words wrap at spaces, file paths at `/`, so nothing is cut off
// and every character of the wide output is still there, only on more lines.

/**
 * Splits `text` into lines of at most `width` characters, breaking after spaces; a word longer than a line
 * (a path, a dotted key, a list like `orders,payments`) breaks after its `/`s, `.`s and `,`s, and only what
 * is still too long is split.
 */
export function wrapWords(text: string, width: number): string[] {
  return wrapAt(text, width, /(?<= )/, (piece) => piece.split(/(?<=[/.,])/));
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

/**
 * `place  text` (a `file:line:col` and what is there) on one line when it fits, as always without a width;
 * otherwise the place on a line of its own (broken at `/` if even it is too long) and the text below it,
 * indented two more.
 */
export function placedLines(indent: string, place: string, text: string, width: number | undefined): string[] {
  const line = `${indent}${place}  ${text}`;
  if (width === undefined || line.length <= width) return [line];
  return [...wrapPath(place, Math.max(1, width - indent.length)).map((p) => indent + p), ...hangingLines(`${indent}  `, text, width)];
}

/**
 * Column widths that fit `room` (the line's width less indent and gaps): the widest columns give way
 * first, all capped at the same width, and what the cap leaves over goes to the last column it narrowed
 * (most often the message or the list). Columns that fit keep their width.
 */
export function fitColumns(natural: readonly number[], room: number): number[] {
  const total = (cap: number) => natural.reduce((sum, w) => sum + Math.min(w, cap), 0);
  if (total(Number.POSITIVE_INFINITY) <= room) return [...natural];
  let cap = Math.max(...natural);
  while (cap > 1 && total(cap) > room) cap--;
  const widths = natural.map((w) => Math.min(w, cap));
  const narrowed = widths.map((w, i) => (w < natural[i]! ? i : -1)).filter((i) => i >= 0);
  const last = narrowed[narrowed.length - 1];
  if (last !== undefined) widths[last] = Math.min(natural[last]!, widths[last]! + Math.max(0, room - total(cap)));
  return widths;
}

/**
 * Rows as columns padded to their widest cell, the last unpadded, no trailing blanks; each row's lines.
 * With a width the rows do not fit, the columns narrow (fitColumns) and a cell longer than its column
 * wraps in it (wrapWords), so every character is still there, only on more lines.
 */
export function fitTable(rows: readonly string[][], width: number | undefined, indent = '  ', gap = '  '): string[][] {
  const count = Math.max(0, ...rows.map((r) => r.length));
  const natural = Array.from({ length: count }, (_, i) => Math.max(0, ...rows.map((r) => (r[i] ?? '').length)));
  const widths = width === undefined ? natural : fitColumns(natural, width - indent.length - gap.length * (count - 1));
  return rows.map((cells) => {
    const stacked = cells.map((c, i) => (c.length > widths[i]! ? wrapWords(c, widths[i]!) : [c]));
    const height = Math.max(1, ...stacked.map((s) => s.length));
    return Array.from({ length: height }, (_, k) =>
      (
        indent + stacked.map((pieces, i) => (i === count - 1 ? (pieces[k] ?? '') : (pieces[k] ?? '').padEnd(widths[i]!))).join(gap)
      ).trimEnd(),
    );
  });
}
