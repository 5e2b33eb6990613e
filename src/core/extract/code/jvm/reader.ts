// What the Java, Kotlin and C# tree readers share: one query run that hands declarations to their
// handlers before uses (a constant can be used above its declaration), and the expression shapes
// every language reads the same way (`a ?: "d"` / `a ?? "d"` defaults, `a + b`, a wrapped value).
import type { CodeLanguage } from '../grammars';
import { unknownAt, type Expr, type JvmRecorder } from './record';
import type { FileContext } from './sites';
import { compiledQuery, kids, type Node } from './tree';

export type Handlers = Record<string, ((node: Node) => void) | undefined>;

export abstract class TreeReader {
  protected readonly expr = (n: Node): Expr => this.value(n);

  // Whole-file tests that let most declarations skip a look at their annotations.
  protected readonly valueFields: boolean;
  protected readonly propertiesClasses: boolean;

  constructor(
    protected readonly rec: JvmRecorder,
    protected readonly ctx: FileContext,
  ) {
    this.valueFields = rec.text.includes('@Value');
    this.propertiesClasses = rec.text.includes('ConfigurationProperties');
  }

  abstract value(n: Node): Expr;

  /** Runs `query` over the tree once: `declarations` see every capture first, then `uses` do. */
  protected run(lang: CodeLanguage, query: string, root: Node, declarations: Handlers, uses: Handlers): void {
    const q = compiledQuery(lang, query);
    if (!q) return;
    const captures = q.captures(root);
    for (const { name, node } of captures) declarations[name]?.(node);
    for (const { name, node } of captures) uses[name]?.(node);
  }

  /** `(x)`, `x as T`, `(T) x`, `x!!`: the value of the wrapped expression (its last named child). */
  protected inner(n: Node): Expr {
    const inner = kids(n).at(-1);
    return inner ? this.value(inner) : unknownAt(n.startIndex, n.endIndex);
  }

  /**
   * A binary expression read the same way in every language: `read <fallbackOp> "literal"` is the read
   * with a literal default (Kotlin `?:`, C# `??`); `a + b` concatenates. Undefined for anything else.
   */
  protected binary(n: Node, left: Node, right: Node, fallback: boolean, plus: boolean): Expr | undefined {
    if (fallback) return withFallback(this.value(left), this.value(right), n.startIndex, n.endIndex);
    if (plus) return { kind: 'concat', parts: [this.value(left), this.value(right)], start: n.startIndex, end: n.endIndex };
    return undefined;
  }

  /** A `@ConfigurationProperties` field read: the Spring property it binds, with its initializer as default. */
  protected propertyRead(prop: { name: string; fallback?: string }, n: Node): Expr {
    return {
      kind: 'read',
      read: prop.fallback !== undefined ? { kind: 'placeholder', ...prop } : { kind: 'placeholder', name: prop.name },
      start: n.startIndex,
      end: n.endIndex,
    };
  }
}

/** `read ?: "d"`, `read ?? "d"`, `Optional.ofNullable(read).orElse("d")`: the read, defaulting to the literal. */
export function withFallback(read: Expr | undefined, fallback: Expr, start: number, end: number): Expr | undefined {
  if (read?.kind !== 'read' || fallback.kind !== 'string' || fallback.interpolated) return undefined;
  return { kind: 'read', read: { ...read.read, fallback: fallback.value }, fallback, start, end };
}

/** `JvmRecorder` is what readers record into; re-exported for the readers' signatures. */
export type { JvmRecorder };
