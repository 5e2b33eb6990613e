// Small helpers over web-tree-sitter nodes for the JVM/.NET readers: named children without nulls,
// field lookups, one parse per file that always frees its tree, and the first syntax error as a Problem.
import type { Node, Tree } from 'web-tree-sitter';
import type { Problem } from '../../../model/types';
import type { LineIndex } from '../../text';
import { codeParser, type CodeLanguage } from '../grammars';

// One way to find the nodes a code reader reads.
export { typedNodesOfTypes } from '../tsQuery';

export type { Node } from 'web-tree-sitter';

export function kids(node: Node): Node[] {
  return node.namedChildren.filter((n): n is Node => n !== null);
}

export function field(node: Node, name: string): Node | undefined {
  return node.childForFieldName(name) ?? undefined;
}

export function firstOfType(node: Node, ...types: string[]): Node | undefined {
  return kids(node).find((k) => types.includes(k.type));
}

/** True when an unnamed child token of `node` is `token` (`=`, `?:`, `??`). */
export function hasToken(node: Node, token: string): boolean {
  for (let i = 0; i < node.childCount; i++) {
    const c = node.child(i);
    if (c && !c.isNamed && c.type === token) return true;
  }
  return false;
}

// Parsing needs ~100 bytes of wasm heap per input byte and that heap never shrinks: larger files go to
// the lexer-based reader instead.
export const MAX_PARSED_CHARS = 1024 * 1024;

/** Parses `text` and hands the tree to `use`; the tree is freed afterwards. Undefined when not loaded. */
export function withTree<T>(lang: CodeLanguage, text: string, use: (tree: Tree) => T): T | undefined {
  const parser = codeParser(lang);
  if (!parser) return undefined;
  const tree = parser.parse(text);
  if (!tree) return undefined;
  try {
    return use(tree);
  } finally {
    tree.delete();
  }
}

/**
 * The first syntax error of the tree, as one Problem (later errors are mostly echoes of the first).
 * The facts around it are still read: tree-sitter recovers and keeps every other node's range.
 */
export function syntaxProblem(file: string, tree: Tree, index: LineIndex): Problem | undefined {
  if (!tree.rootNode.hasError) return undefined;
  const bad = firstError(tree.rootNode);
  if (!bad) return undefined;
  // An unclosed `/*` is not a comment to the grammar: it shows as the tokens `/` `*` inside the error.
  const slash = bad.isError ? openComment(bad) : undefined;
  const at = index.position((slash ?? bad).startIndex);
  let message: string;
  if (slash) message = 'unterminated block comment: it runs to the end of the file';
  else if (bad.isMissing) message = `syntax error: missing ${JSON.stringify(bad.type)}`;
  else message = `syntax error near ${JSON.stringify(bad.text.split('\n')[0].slice(0, 20))}; facts after it may be incomplete`;
  return { file, line: at.line, column: at.column, severity: 'warning', message };
}

function openComment(error: Node): Node | undefined {
  const children = error.children.filter((c): c is Node => c !== null);
  for (let i = 0; i + 1 < children.length; i++) {
    const a = children[i];
    const b = children[i + 1];
    if (a.type === '/' && b.type === '*' && a.endIndex === b.startIndex) return a;
  }
  return undefined;
}

function firstError(node: Node): Node | undefined {
  if (node.isError || node.isMissing) return node;
  for (const child of node.children) {
    if (child && (child.hasError || child.isMissing || child.isError)) {
      const found = firstError(child);
      if (found) return found;
    }
  }
  return undefined;
}
