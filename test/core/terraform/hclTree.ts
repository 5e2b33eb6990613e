// Parses HCL text with the real grammar, for tests of the readers that take tree-sitter nodes.
import type { Node } from 'web-tree-sitter';
import { LineIndex } from '../../../src/core/extract/text';
import { loadHclRuntime } from '../../../src/core/terraform/parser';

/** The top-level blocks of `text`, and the line index their ranges are computed with. */
export async function blocksOf(text: string): Promise<{ blocks: Node[]; index: LineIndex }> {
  const { parser } = await loadHclRuntime();
  const tree = parser.parse(text);
  if (!tree) throw new Error('the HCL parser returned no tree');
  const body = tree.rootNode.namedChildren.find((c) => c?.type === 'body');
  const blocks = (body?.namedChildren ?? []).filter((c): c is Node => c?.type === 'block');
  return { blocks, index: new LineIndex(text) };
}
