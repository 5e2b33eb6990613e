// Shapes every stage of the pipeline uses: places in a file, problems met reading input, edits as data.

/** 1-based line and column; columns count UTF-16 code units (as VS Code and tree-sitter do). */
export interface Position {
  line: number;
  column: number;
}

/** A half-open range: `end` is the first position after the text. */
export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

/** A problem met while reading input: never thrown, always reported with a place. */
export interface Problem {
  /** Relative to the scanned root, `/` separators. */
  file: string;
  line: number;
  column: number;
  message: string;
  severity: Severity;
}

/** An edit as data, until the very edge (the CLI writes files, the extension builds a WorkspaceEdit). */
export interface TextEdit {
  file: string;
  /** 0-based UTF-16 offsets into the file's text as scanned. */
  offset: number;
  length: number;
  newText: string;
  /** For display and for VS Code. */
  range: Range;
}
