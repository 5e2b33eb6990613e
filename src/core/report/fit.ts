// Fitting text into a terminal's width: words wrap at spaces, file paths at `/`, so nothing is cut off
// and every character of the wide output is still there, only on more lines.

/**
/**
 * Where a word longer than its line breaks, each only where the one before leaves a piece still too long:
 * after a list's `,`, then after a path's `/` or a dotted key's `.`, then after a hyphenated name's `-`.
 */
const INSIDE_A_WORD = [/(?<=,)/, /(?<=[/.])/, /(?<=-)/];

/**
 * Splits `text` into lines of at most `width` characters, breaking after spaces; a word longer than a line
 * (a list like `orders,payments`, a path, a dotted key, a hyphenated name) breaks inside (INSIDE_A_WORD),
 * and only what is still too long is cut.
 */
export function wrapWords(text: string, width: number): string[] {
  const split = (piece: string, level: number): string[] =>
    level < INSIDE_A_WORD.length && piece.trimEnd().length > width
      ? piece.split(INSIDE_A_WORD[level]!).flatMap((p) => split(p, level + 1))
      : [piece];
  return wrapAt(text, width, /(?<= )/, (word) => split(word, 0));
}

/** The widest piece wrapWords breaks without cutting: in a narrower column, a word is cut in the middle. */
function longestPiece(text: string): number {
  const pieces = INSIDE_A_WORD.reduce((parts, at) => parts.flatMap((p) => p.split(at)), text.split(' '));
  return Math.max(0, ...pieces.map((piece) => piece.length));
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

/** The last column (a message, a list) wraps first, but not into a ribbon narrower than this... */
const MIN_LAST_WIDTH = 30;
/** ...unless the other columns need the room to keep their words whole; never narrower than this. */
const NARROW_LAST_WIDTH = 20;

/**
 * Column widths that fit `room` (the line's width less indent and gaps). The last column gives way first,
 * down to MIN_LAST_WIDTH; then the others, the widest first (all capped at the same width), so long as none
 * gets narrower than its `floors` entry (its longest piece that wraps without cutting a word), the last
 * column going down to NARROW_LAST_WIDTH for that; only then every column. What a cap leaves over goes to
 * the columns it narrowed, the last first. Columns that fit keep their width.
 */
export function fitColumns(natural: readonly number[], room: number, floors: readonly number[] = []): number[] {
  if (sum(natural) <= room) return [...natural];
  const last = natural.length - 1;
  const others = natural.slice(0, last);
  const ribbon = Math.min(natural[last]!, Math.max(floors[last] ?? 0, MIN_LAST_WIDTH));
  if (sum(others) + ribbon <= room) return [...others, room - sum(others)];
  const squeezed = Math.min(ribbon, room - sum(others.map((w, i) => Math.min(w, floors[i] ?? 0))));
  if (squeezed >= Math.min(ribbon, Math.max(floors[last] ?? 0, NARROW_LAST_WIDTH))) {
    const widths = capped(others, room - squeezed, floors);
    return [...widths, Math.min(natural[last]!, room - sum(widths))];
  }
  const fits = sum(natural.map((w, i) => Math.min(w, floors[i] ?? 0))) <= room;
  return capped(natural, room, fits ? floors : []);
}

/**
 * `natural` with the widest capped at one width (none below its floor) until they fit `room`; what the cap
 * leaves over goes to the columns it narrowed, the last first.
 */
function capped(natural: readonly number[], room: number, floors: readonly number[]): number[] {
  const at = (cap: number) => natural.map((w, i) => Math.min(w, Math.max(cap, floors[i] ?? 0)));
  let cap = Math.max(1, ...natural);
  while (cap > 1 && sum(at(cap)) > room) cap--;
  const widths = at(cap);
  let left = room - sum(widths);
  for (let i = widths.length - 1; i >= 0 && left > 0; i--) {
    const more = Math.min(left, natural[i]! - widths[i]!);
    widths[i] = widths[i]! + more;
    left -= more;
  }
  return widths;
}

function sum(widths: readonly number[]): number {
  return widths.reduce((total, w) => total + w, 0);
}

/**
 * Rows as columns padded to their widest cell, the last unpadded, no trailing blanks; each row's lines.
 * With a width the rows do not fit, the columns narrow (fitColumns) and a cell longer than its column
 * wraps in it (wrapWords), so every character is still there, only on more lines.
 */
export function fitTable(rows: readonly string[][], width: number | undefined, indent = '  ', gap = '  '): string[][] {
  // Loops, not Math.max(...rows): a fleet's table has as many rows as the organisation has services.
  const count = rows.reduce((most, r) => Math.max(most, r.length), 0);
  const natural = new Array<number>(count).fill(0);
  const floors = new Array<number>(count).fill(0);
  for (const cells of rows)
    cells.forEach((c, i) => {
      natural[i] = Math.max(natural[i]!, c.length);
      if (width !== undefined) floors[i] = Math.max(floors[i]!, longestPiece(c));
    });
  const widths = width === undefined ? natural : fitColumns(natural, width - indent.length - gap.length * (count - 1), floors);
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
