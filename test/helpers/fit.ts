// What a reader sees of terminal output whatever its width: the non-space characters in reading order,
// so that output fitted to a width can be compared with the --wide output of the same thing.

/**
 * The non-space characters of `lines`, in order. A table (each run of lines `inTable` picks) is read a
 * column at a time, top to bottom, because cells that wrap side by side share lines: its columns start
 * where the run's first line has text after the indent or after two or more spaces.
 */
export function readingOrder(lines: readonly string[], inTable: (line: string, index: number) => boolean = () => false): string {
  const parts: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!inTable(lines[i]!, i)) {
      parts.push(lines[i]!);
      continue;
    }
    const run: string[] = [];
    while (i < lines.length && inTable(lines[i]!, i)) run.push(lines[i++]!);
    i--;
    const starts = [...run[0]!.matchAll(/(?:^ *|  +)(?=\S)/g)].map((m) => m.index + m[0].length);
    for (let c = 0; c < starts.length; c++) for (const line of run) parts.push(line.slice(starts[c], starts[c + 1]));
  }
  return parts.join('\n').replace(/\s+/g, '');
}

/** The lines of `text` longer than `width` (none, when the output fits). */
export function overlong(text: string | readonly string[], width: number): string[] {
  return (typeof text === 'string' ? text.split('\n') : text).filter((line) => line.length > width);
}
