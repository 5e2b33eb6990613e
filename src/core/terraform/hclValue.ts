// An HCL expression as plain data, detached from the syntax tree: it can be kept in FileFacts and
// evaluated later against locals and variables declared in other files of the same module.
import type { Range } from '../model/common';

export type HclValue =
  /** A string as written, escapes left as they are; `range` covers the content without quotes. */
  | { kind: 'string'; value: string; range: Range }
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  | { kind: 'tuple'; items: HclValue[] }
  | { kind: 'object'; entries: Array<{ key: HclValue; value: HclValue }> }
  /** `local.x.y`, `var.x[0]`, `each.key`: a root name and the attribute/index steps after it. */
  | { kind: 'ref'; root: string; path: Array<string | number>; range: Range }
  /** A string with interpolations; literal parts are `string` values. */
  | { kind: 'template'; parts: HclValue[]; range: Range }
  | { kind: 'call'; name: string; args: HclValue[]; range: Range }
  /** `[for v in coll : expr]` (no keyExpr) or `{ for k, v in coll : keyExpr => expr }`; `if` filters are not kept. */
  | {
      kind: 'for';
      keyName?: string;
      valueName: string;
      collection: HclValue;
      keyExpr?: HclValue;
      valueExpr: HclValue;
      filtered: boolean;
      range: Range;
    }
  /** Anything the evaluator does not read: conditionals, operations, for expressions, splats. */
  | { kind: 'unsupported'; what: string; range: Range };

/** The attributes of a block body, by name, as HclValues. */
export type HclAttributes = Record<string, HclValue>;
