// The one place code extractors talk to tree-sitter: parse a file with a loaded grammar, find the
// nodes of the types a reader reads, read node text and report the first syntax error as a problem.
// Offsets are tree-sitter's `startIndex`/`endIndex`: for a JS string input web-tree-sitter counts
// UTF-16 code units, the unit of HostToken/TextEdit offsets, so they feed LineIndex unchanged.
import type { Language, Node, Tree } from 'web-tree-sitter';
import type { Problem } from '../../model/types';
import type { LineIndex } from '../text';
import { codeParser, type CodeLanguage } from './grammars';

export type { Node, Tree } from 'web-tree-sitter';

/** Larger sources are not parsed (tree-sitter needs ~100 bytes of heap per byte; the scan skips them too). */
export const MAX_PARSE_CHARS = 2 * 1024 * 1024;

/**
 * Every named node of the given types under `root` (itself included), in document order, with its type.
 * A walk in the wasm (web-tree-sitter's descendantsOfType) rather than a query: no query to compile per
 * thread, and on the bench tree's Go files 32–43 ms where a `[(a) (b) …] @n` query took 42–99 ms, same
 * nodes in the same order. The walk also meets anonymous tokens spelled like a named type (TypeScript's
 * `string` keyword beside the `string` literal): those types keep named nodes only. Each property of a
 * web-tree-sitter node is a call into the wasm (~490 per code file of the bench tree): the type is read
 * once, and `isNamed` only of the types with such a twin.
 */
export function typedNodesOfTypes(root: Node, types: readonly string[]): Array<{ type: string; node: Node }> {
  // web-tree-sitter types the elements as possibly null; a descendant it found is never null.
  const nodes = root.descendantsOfType(types as string[]) as Node[];
  const twins = anonymousTwins(root.tree.language, types);
  const out: Array<{ type: string; node: Node }> = [];
  for (const node of nodes) {
    const type = node.type;
    if (!twins.has(type) || node.isNamed) out.push({ type, node });
  }
  return out;
}

const twinsByLanguage = new WeakMap<Language, Map<string, Set<string>>>();

/** The types among `types` that the language also has as an anonymous token. */
function anonymousTwins(language: Language, types: readonly string[]): Set<string> {
  let byList = twinsByLanguage.get(language);
  if (!byList) twinsByLanguage.set(language, (byList = new Map()));
  const key = types.join('\0');
  let twins = byList.get(key);
  if (!twins) byList.set(key, (twins = new Set(types.filter((t) => language.idForNodeType(t, false) !== null))));
  return twins;
}

/** Every named node of the given types under `root`, by type, in document order. */
export function nodesByType(root: Node, types: readonly string[]): Map<string, Node[]> {
  const out = new Map<string, Node[]>();
  for (const t of types) out.set(t, []);
  for (const { type, node } of typedNodesOfTypes(root, types)) out.get(type)?.push(node);
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
