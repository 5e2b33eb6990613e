// The language-neutral reading of the few expression shapes that name brokers, topics and groups in
// source code, and what each language's adapter (tsSyntax.ts, pySyntax.ts, goSyntax.ts) must provide.
import { kids, type Node } from './tsQuery';

export type NodesByType = ReadonlyMap<string, Node[]>;

/** The nodes of the given types, merged in document order. */
export function nodesOf(nodes: NodesByType, ...types: string[]): Node[] {
  const out = types.flatMap((t) => nodes.get(t) ?? []);
  return types.length > 1 ? out.sort((a, b) => a.startIndex - b.startIndex) : out;
}
import type { CodeLanguage } from './grammars';

export type Value =
  /** A string literal; `start`/`end` are its content (no quotes, no prefix). */
  | { kind: 'string'; value: string; start: number; end: number; node: Node; interpolated: boolean; regex: boolean }
  | { kind: 'list'; items: Value[]; start: number; end: number; node: Node }
  /** An environment lookup, with the literal default written next to it (`os.getenv("X", "d")`, `?? 'd'`). */
  | { kind: 'env'; name: string; fallback?: string; start: number; end: number; node: Node }
  /** A name (`TOPIC`, `cfg.topic`, `self.topic`): a constant when it is declared in the file. */
  | { kind: 'ident'; name: string; start: number; end: number; node: Node }
  | { kind: 'unknown'; start: number; end: number; node: Node };

/** Where a value is written: the key, variable or parameter that names it, if any. */
export interface ValueContext {
  key?: string;
  /** The value is the literal default of an env lookup (`process.env.X ?? 'h:9092'`): key is the env var. */
  envDefault: boolean;
  /** The node is itself a key (`'bootstrap.servers': ...`), never a value. */
  isKey?: boolean;
}

/** A key/value pair of an object/dict/struct literal, a named argument, or an assignment to a config key. */
export interface Entry {
  key: string;
  keyNode: Node;
  value: Node;
  /** The whole `key: value` item (what an inserted sibling goes after). */
  item: Node;
}

export interface LanguageSyntax {
  lang: CodeLanguage;
  /** Reads one expression node. */
  value(node: Node): Value;
  /** Where a value node is written (its key), looking through parentheses and casts. */
  context(node: Node): ValueContext;
  /** The node types of string literals. */
  stringTypes: readonly string[];
  /** The node types of declarations and assignments. */
  declarationTypes: readonly string[];
  /** Every node type any reader of this language looks at (collected by one query per file). */
  nodeTypes: readonly string[];
  /** A declaration or assignment node's name (dotted, `cfg.brokers` for a field) and value (first name, first value). */
  declaration(node: Node): { name: string; value: Node } | undefined;
  /** Entries of object/dict/struct literals and named arguments, in file order. */
  entries(nodes: NodesByType): Entry[];
  /** Node types that are lists (`[...]`, `[]string{...}`). */
  isList(node: Node): boolean;
  /** The elements of a list node (unwrapped). */
  listItems(node: Node): Node[];
  /** Wrappers that do not change a value: parentheses, casts, non-null assertions, `literal_element`. */
  unwrap(node: Node): Node;
  /** A call: its callee text (whitespace-free) and argument nodes; undefined for anything else. */
  call(node: Node): { callee: string; calleeNode: Node; args: Node[]; argsNode: Node } | undefined;
  /** `flag.String("name", default, ...)`-style reads of a command-line flag. */
  flag?(node: Node): { name: string; fallback?: Node } | undefined;
  /** `a ?? b`, `a || b`, `a or b`: the value and its fallback. */
  fallback(node: Node): { left: Node; right: Node } | undefined;
}

/**
 * A call's shape for LanguageSyntax.call: the callee's text (whitespace-free) at once, the arguments (comments
 * left out) when first asked for, since most callers test the callee only and each argument costs a few
 * calls into the wasm.
 */
export function callShape(calleeNode: Node, argsNode: Node): NonNullable<ReturnType<LanguageSyntax['call']>> {
  let args: Node[] | undefined;
  return {
    callee: calleeNode.text.replace(/\s+/g, ''),
    calleeNode,
    argsNode,
    get args() {
      return (args ??= kids(argsNode).filter((n) => n.type !== 'comment'));
    },
  };
}

/** A name that reads as a constant (`ORDERS_TOPIC`, `cfg.KafkaTopic`): worth resolving across files. */
export function constantLike(name: string): boolean {
  const last = name.slice(name.lastIndexOf('.') + 1);
  return /^[A-Z][A-Z0-9_]*$/.test(last) && /[A-Z]/.test(last);
}

export function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

/** A literal's content with backslash escapes decoded (`\n`, `\'`, a line continuation). */
export function decodeEscapes(raw: string): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(\r\n|[\s\S])/g, (_m, c: string) => (c === '\n' || c === '\r\n' ? '' : (ESCAPES[c] ?? c)));
}
