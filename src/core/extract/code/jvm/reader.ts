// What the Java, Kotlin and C# tree readers share: one query run that hands declarations to their
// handlers before uses (a constant can be used above its declaration), and the expression shapes
// every language reads the same way (`a ?: "d"` / `a ?? "d"` defaults, `a + b`, a wrapped value).
import { kebab } from './keys';
import { unknownAt, type Expr, type JvmRecorder, type StrExpr } from './record';
import type { FileContext } from './sites';
import { kids, typedNodesOfTypes, type Node } from './tree';

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
  abstract str(n: Node): StrExpr;
  /** A string literal (`@string`) that may be a connection string. */
  abstract literal(n: Node): void;
  /** A call (`@call`) that may configure or use a client. */
  abstract call(n: Node): void;
  /** An assignment (`@assign`) that may set a client setting or a broker variable. */
  abstract assignment(n: Node): void;

  /** The node types read, each with the name of its handlers below. */
  protected abstract readonly handled: Readonly<Record<string, string>>;
  /** Handlers by capture name that see every capture before any use does (a constant can be used above its declaration). */
  protected abstract readonly declarations: Handlers;
  /** Handlers by capture name for the uses besides `@string`, `@call` and `@assign`, which every language has. */
  protected abstract readonly uses: Handlers;

  /** Walks the tree once: the declarations see every node read first, then the uses do. */
  read(root: Node): void {
    const uses: Handlers = { string: (n) => this.literal(n), call: (n) => this.call(n), assign: (n) => this.assignment(n), ...this.uses };
    const nodes = typedNodesOfTypes(root, Object.keys(this.handled)).map(({ type, node }) => ({ name: this.handled[type], node }));
    for (const { name, node } of nodes) this.declarations[name]?.(node);
    for (const { name, node } of nodes) uses[name]?.(node);
  }

  /** Records `s` as the literal default of the read `around` is (`getenv("B") ?: "h:9092"`); false when it is none. */
  protected literalDefault(s: StrExpr, around: Node): boolean {
    const read = this.value(around);
    if (read.kind !== 'read' || read.fallback?.contentStart !== s.contentStart) return false;
    this.rec.literalRef(s, read.read.name, true);
    return true;
  }

  /** A `@ConfigurationProperties` field or parameter `name` under `prefix`, its string initializer the default. */
  protected bindProperty(prefix: string, name: string, init: Node | undefined): void {
    const fallback = init?.type === 'string_literal' ? this.str(init).value : undefined;
    this.rec.configProps.set(
      name,
      fallback !== undefined ? { name: `${prefix}.${kebab(name)}`, fallback } : { name: `${prefix}.${kebab(name)}` },
    );
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
