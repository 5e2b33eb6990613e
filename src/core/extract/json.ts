// JSON (`.json`): config files, ECS task definitions, Kubernetes manifests in JSON, package.json scripts.
// Parsed with jsonc-parser for node offsets and positioned syntax errors. Comments and trailing commas
// (JSONC, common in tool config folders) are accepted silently; any other syntax error is a Problem.
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { emptyFacts, type FileFacts } from '../model/types';
import type { ExtractOptions } from './options';
import { ConfigRecorder } from './config/record';
import { readTree, type TreeNode } from './config/tree';
import { LineIndex } from './text';

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':' after the property name",
  CommaExpected: "expected ',' between items",
  CloseBraceExpected: "expected '}' to close the object",
  CloseBracketExpected: "expected ']' to close the array",
  EndOfFileExpected: 'unexpected text after the end of the document',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid \\u escape in string',
  InvalidEscapeCharacter: 'invalid escape in string',
  InvalidCharacter: 'control character in string (must be escaped)',
};

export function extractJson(file: string, text: string, opts: ExtractOptions): FileFacts {
  const facts = emptyFacts(file, 'json');
  const index = new LineIndex(text);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  if (errors.length > 0) {
    // Later errors are mostly echoes of the first one; one precise place is more useful.
    const first = errors[0];
    const at = index.position(Math.min(first.offset, text.length));
    const code = printParseErrorCode(first.error);
    facts.problems.push({
      file,
      line: at.line,
      column: at.column,
      severity: 'warning',
      message: `invalid JSON: ${MESSAGES[code] ?? code}`,
    });
  }
  readTree(new ConfigRecorder(file, text, index, opts, facts), toTree(root, text));
  return facts;
}

function toTree(node: JsonNode | undefined, text: string): TreeNode | null {
  if (!node) return null;
  switch (node.type) {
    case 'object': {
      const entries: Array<{ key: string; keyOffset: number; value: TreeNode | null }> = [];
      for (const prop of node.children ?? []) {
        const [keyNode, valueNode] = prop.children ?? [];
        if (!keyNode || typeof keyNode.value !== 'string') continue;
        entries.push({ key: keyNode.value, keyOffset: keyNode.offset + 1, value: toTree(valueNode, text) });
      }
      return { kind: 'map', entries };
    }
    case 'array': {
      const items: TreeNode[] = [];
      for (const child of node.children ?? []) {
        const t = toTree(child, text);
        if (t) items.push(t);
      }
      return { kind: 'seq', items };
    }
    case 'string': {
      const value = String(node.value ?? '');
      const offset = node.offset + 1;
      const length = Math.max(0, node.length - 2);
      const exact = length === value.length && text.startsWith(value, offset);
      return { kind: 'scalar', value, offset, length, exact, sourceStart: node.offset, sourceEnd: node.offset + node.length };
    }
    case 'null':
      return {
        kind: 'scalar',
        value: null,
        offset: node.offset,
        length: node.length,
        exact: false,
        sourceStart: node.offset,
        sourceEnd: node.offset + node.length,
      };
    default: {
      const value = text.slice(node.offset, node.offset + node.length);
      return {
        kind: 'scalar',
        value,
        offset: node.offset,
        length: node.length,
        exact: true,
        sourceStart: node.offset,
        sourceEnd: node.offset + node.length,
      };
    }
  }
}
