// The one place code extractors talk to tree-sitter: parse a file with a loaded grammar, run a
// compiled (cached) query over it, read node text and report the first syntax error as a problem.
// Offsets are tree-sitter's `startIndex`/`endIndex`: for a JS string input web-tree-sitter counts
// UTF-16 code units, the unit of HostToken/TextEdit offsets, so they feed LineIndex unchanged.
import { Query, type Node, type QueryCapture, type Tree } from 'web-tree-sitter';
import type { Problem } from '../../model/types';
import type { LineIndex } from '../text';
import { codeLanguage, codeParser, type CodeLanguage } from './grammars';

export type { Node, QueryCapture, Tree } from 'web-tree-sitter';

/** Larger sources are not parsed (tree-sitter needs ~100 bytes of heap per byte; the scan skips them too). */
export const MAX_PARSE_CHARS = 2 * 1024 * 1024;

const queries = new Map<string, Query>();

/** A compiled query for `lang`, built once per process (compiling costs more than running). */
export function compiledQuery(lang: CodeLanguage, source: string): Query | undefined {
  const key = `${lang}\0${source}`;
  let q = queries.get(key);
  if (!q) {
    const language = codeLanguage(lang);
    if (!language) return undefined;
    q = new Query(language, source);
    queries.set(key, q);
  }
  return q;
}

/** Every capture of `source` under `root`, in document order. */
export function captures(lang: CodeLanguage, root: Node, source: string): QueryCapture[] {
  return compiledQuery(lang, source)?.captures(root) ?? [];
}

/** The captures of each match, by capture name (first node per name). */
export function matchesByName(lang: CodeLanguage, root: Node, source: string): Array<Record<string, Node>> {
  const q = compiledQuery(lang, source);
  if (!q) return [];
  return q.matches(root).map((m) => {
    const byName: Record<string, Node> = {};
    for (const c of m.captures) byName[c.name] ??= c.node;
    return byName;
  });
}

/**
 * Every node of the given types under `root`, by type, in document order: one query over the tree
 * (measured ~4× faster than a TreeCursor walk in JS, and faster than one query per construct).
 */
export function nodesByType(lang: CodeLanguage, root: Node, types: readonly string[]): Map<string, Node[]> {
  const out = new Map<string, Node[]>();
  for (const t of types) out.set(t, []);
  for (const c of captures(lang, root, `[${types.map((t) => `(${t})`).join(' ')}] @n`)) out.get(c.node.type)?.push(c.node);
  return out;
}

export type ParseOutcome = { tree: Tree } | { problem: string };

/** Parses `text`; a problem (never a throw) when the grammar is not loaded or the text is too large. */
export function parseCode(lang: CodeLanguage, text: string): ParseOutcome {
  if (text.length > MAX_PARSE_CHARS) return { problem: 'this file is larger than 2 MB and was not read' };
  const parser = codeParser(lang);
  if (!parser) return { problem: `the ${lang} parser is not loaded (ensureCodeGrammarsReady() was not awaited); this file was not read` };
  const tree = parser.parse(text);
  if (!tree) return { problem: `the ${lang} parser gave up on this file; it was not read` };
  return { tree };
}

/** The same node of the tree (web-tree-sitter hands out a new wrapper object on every access). */
export function sameNode(a: Node | null | undefined, b: Node | null | undefined): boolean {
  return !!a && !!b && a.id === b.id;
}

/** The named children of a node (web-tree-sitter types them as possibly null). */
export function kids(node: Node): Node[] {
  return node.namedChildren.filter((n): n is Node => n !== null);
}

/**
 * The first syntax error of a tree as one warning: tree-sitter recovers and the facts around it are
 * still read, but the user should know a part of the file may have been misread.
 */
export function syntaxProblem(tree: Tree, file: string, index: LineIndex): Problem | undefined {
  if (!tree.rootNode.hasError) return undefined;
  const bad = firstError(tree.rootNode);
  if (!bad) return undefined;
  const pos = index.position(bad.startIndex);
  const message = bad.isMissing
    ? `syntax error: missing ${bad.type} here; facts near it may be incomplete`
    : 'syntax error: this part of the file could not be parsed; facts inside it may be missing';
  return { file, line: pos.line, column: pos.column, severity: 'warning', message };
}

function firstError(node: Node): Node | undefined {
  if (node.isError || node.isMissing) return node;
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (child && (child.hasError || child.isMissing || child.isError)) {
      const found = firstError(child);
      if (found) return found;
    }
  }
  return undefined;
}
