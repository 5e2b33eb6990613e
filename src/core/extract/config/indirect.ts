// A value that reads another value: `$BROKERS`, `${KAFKA_HOST}:${KAFKA_PORT}`, `${VAR:-kafka:9092}`,
// Spring `${app.kafka:default}`, Helm `{{ .Values.kafka.brokers }}`, consul-template `{{ env "X" }}` /
// `{{ key "p" }}`, GitHub Actions `${{ secrets.X }}`, Terraform `${var.x}`, Kubernetes `$(VAR)`.
// Extractors call `indirectRef` for a value under a client connection key: the ref names what it reads,
// and the model resolves the names against the settings the repository holds (model/resolve.ts).
import type { BrokerRefText, FileFormat, Indirection } from '../../model/types';
import type { LineIndex } from '../text';

// Order matters: the longer forms first, so `${{ env.X }}` is not read as `${...}`.
const READ = new RegExp(
  [
    /\$\{\{\s*(env|vars|secrets|inputs|needs\.[\w-]+\.outputs|steps\.[\w-]+\.outputs)\.([\w-]+)\s*\}\}/.source, // 1,2 GitHub Actions
    /\{\{-?\s*([^{}]*?)\s*-?\}\}/.source, // 3 Go templates (Helm, consul-template, Nomad)
    /\$\{(var|local)\.([\w-]+)(?:\.[\w.-]+)?\}/.source, // 4,5 Terraform interpolation
    /\$\{(ssm|aws:ssm|ssm-secure):([^}]+)\}/.source, // 6,7 Serverless `${ssm:/path}`
    // The default may hold one nested reference: `${A:-${B}}`.
    /\$\{([A-Za-z_][\w.-]*)(?:(:-|:=|:)((?:[^{}]|\{[^{}]*\})*))?\}/.source, // 8,9,10 shell/compose and Spring placeholders
    /\$\(([A-Za-z_][\w]*)\)/.source, // 11 Kubernetes dependent env vars
    /\$([A-Za-z_][\w]*)/.source, // 12 bare shell variable
  ].join('|'),
  'g',
);

// Inside `{{ ... }}`: what a Go template reads.
const HELM_VALUE = /^(?:\$)?\.Values\.([\w.-]+)(?:\s*\|\s*(.*))?$/;
const TEMPLATE_ENV = /^env\s+"([^"]+)"/;
const TEMPLATE_KEY = /^(?:key|keyOrDefault)\s+"([^"]+)"(?:\s+"([^"]*)")?/;
const TEMPLATE_SECRET = /^(?:with\s+)?secret\s+"([^"]+)"/;
const TEMPLATE_DEFAULT = /\bdefault\s+(?:"([^"]*)"|'([^']*)')/;

export interface ReadsOf {
  reads: Indirection[];
  /** True when the value is exactly one reference (`$X`, `${X:-d}`, `{{ .Values.x }}`): what it reads is the whole value. */
  whole: boolean;
}

/**
 * The names a value reads, in order, or undefined when it reads none (a literal) or holds a template
 * expression that names nothing we can follow (`{{ include "x" . }}`: not a reference we can resolve).
 */
export function readsOf(value: string): ReadsOf | undefined {
  if (!value.includes('$') && !value.includes('{{')) return undefined;
  const reads: Indirection[] = [];
  let covered = 0;
  let count = 0;
  READ.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = READ.exec(value))) {
    count++;
    covered += m[0].length;
    const read = readOf(m);
    if (!read) return undefined;
    if (read !== 'skip') reads.push(read);
  }
  if (!reads.length) return undefined;
  return { reads, whole: count === 1 && covered === value.trim().length };
}

function readOf(m: RegExpExecArray): Indirection | 'skip' | undefined {
  if (m[1] !== undefined) return { kind: 'gha', name: `${m[1]}.${m[2]}` };
  if (m[3] !== undefined) return templateRead(m[3]);
  if (m[4] !== undefined) return { kind: 'terraform', name: `${m[4]}.${m[5]}` };
  if (m[6] !== undefined) return { kind: 'ssm', name: m[7] };
  if (m[8] !== undefined) {
    const [name, op, fallback] = [m[8], m[9], m[10]];
    // `${a.b}` and `${X:d}` (Spring's default separator) are placeholders; `${X}`, `${X:-d}`, `${X:=d}`
    // are environment variables with shell defaults. (Shell's `${X-d}` is not read: `-` belongs to
    // Spring names such as `${app.kafka-brokers}`.)
    const kind = name.includes('.') || op === ':' ? 'placeholder' : 'env';
    return op !== undefined && fallback ? { kind, name, fallback } : { kind, name };
  }
  if (m[11] !== undefined) return { kind: 'env', name: m[11] };
  return { kind: 'env', name: m[12] };
}

/** What a `{{ ... }}` reads; `skip` for template control words (`end`, `else`), undefined for what we cannot name. */
function templateRead(inner: string): Indirection | 'skip' | undefined {
  const text = inner.trim();
  // Control words, and the fields of a Vault secret opened by `{{ with secret "…" }}` before them.
  if (/^(?:end|else)\b/.test(text) || text.startsWith('/*') || /^\.Data\./.test(text)) return 'skip';
  const helm = HELM_VALUE.exec(text);
  if (helm) {
    const fallback = helm[2] ? TEMPLATE_DEFAULT.exec(helm[2]) : undefined;
    const d = fallback ? (fallback[1] ?? fallback[2]) : undefined;
    return d ? { kind: 'helm', name: helm[1], fallback: d } : { kind: 'helm', name: helm[1] };
  }
  const env = TEMPLATE_ENV.exec(text);
  if (env) return { kind: 'env', name: env[1] };
  const key = TEMPLATE_KEY.exec(text);
  if (key) return key[2] ? { kind: 'consul', name: key[1], fallback: key[2] } : { kind: 'consul', name: key[1] };
  const secret = TEMPLATE_SECRET.exec(text);
  if (secret) return { kind: 'vault', name: secret[1] };
  return undefined;
}

/**
 * An `indirect` broker ref for a value under a connection key (or after a broker flag), or undefined when
 * the value reads nothing. The ref's range is the value as written; it has no parts or hosts: nothing
 * here is literal, so no edit ever lands on it.
 */
export function indirectRef(
  file: string,
  format: FileFormat,
  key: string | undefined,
  value: string,
  offset: number,
  length: number,
  index: LineIndex,
): BrokerRefText | undefined {
  const found = readsOf(value) ?? (isPlaceholderText(value) ? { reads: [] } : undefined);
  if (!found) return undefined;
  return {
    file,
    format,
    key,
    kind: 'indirect',
    expression: value,
    reads: found.reads,
    offset,
    range: index.range(offset, length),
    parts: [],
    hosts: [],
  };
}

/**
 * Text left for a person to fill in where a connection string goes (`<ccloud bootstrap servers>`): it
 * names no cluster the repository holds, so the setting is an indirect ref that reads nothing, and the
 * service's state there is unknown, never none.
 */
export function isPlaceholderText(value: string): boolean {
  return /^<[^<>\n]*[A-Za-z][^<>\n]*>$/.test(value.trim());
}

/**
 * The expression with its references replaced, in order, by `values` (one per entry of `readsOf(...).reads`):
 * `${KAFKA_HOST}:${KAFKA_PORT}` with [`kafka1`, `9092`] is `kafka1:9092`. Template control words stay out.
 */
export function substitute(expression: string, values: string[]): string {
  if (BARE_TERRAFORM.test(expression.trim())) return values[0] ?? '';
  let i = 0;
  READ.lastIndex = 0;
  return expression.replace(READ, (...m: unknown[]) => {
    const groups = m.slice(0, 13) as Array<string | undefined>;
    const read = readOf(groups as unknown as RegExpExecArray);
    if (read === 'skip') return '';
    return values[i++] ?? '';
  });
}

const BARE_TERRAFORM = /^(?:var|local)\.[\w-]+$/;

/**
 * True when the expression is exactly one reference (`$X`, `${X:-d}`, `{{ .Values.x }}`, or a bare
 * Terraform `var.x`): what it reads is the whole connection string, so the literal can be rewritten whole.
 */
export function isWholeReference(expression: string): boolean {
  return readsOf(expression)?.whole ?? (BARE_TERRAFORM.test(expression.trim()) || CODE_LOOKUP.test(unwrapList(expression.trim())));
}

/**
 * One lookup turned into a list is still one value: `process.env.X!.split(',')`, `os.environ["X"].split(",")`,
 * `strings.Split(os.Getenv("X"), ",")`, Go's variadic `brokers...`. The list is the same connection string.
 */
function unwrapList(expression: string): string {
  let e = expression;
  for (let i = 0; i < 4; i++) {
    const before = e;
    e = e.replace(/\.\.\.$/, '').replace(/!$/, '');
    e = e.replace(/\s*\.\s*(?:split|strip|trim|trimSpace)\(\s*(?:"[^"]*"|'[^']*')?\s*\)$/, '');
    const wrapped = /^strings\.(?:Split|Fields|TrimSpace)\(\s*(.+?)\s*(?:,\s*"[^"]*")?\s*\)$/.exec(e);
    if (wrapped) e = wrapped[1]!;
    e = e.replace(/!$/, '');
    if (e === before) break;
  }
  return e;
}

// What code readers write as an indirect ref's expression when the value is one lookup: `process.env.X`,
// `os.Getenv("X")`, `System.getenv("X")`, `os.environ["X"]`, `os.environ.get("X", "d")`, a constant
// `BROKERS` / `Config.BROKERS`, optionally with a literal fallback (`?? 'k:9092'`, `|| "k:9092"`).
// Concatenation, template literals and joins are not one lookup.
const CODE_LOOKUP =
  /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\[\s*["'][\w.-]+["']\s*\]|\(\s*["'][\w.-]+["']\s*(?:,\s*(?:"[^"]*"|'[^']*'|`[^`$]*`))?\s*\))?(?:\s*(?:\?\?|\|\||\bor\b)\s*(?:"[^"]*"|'[^']*'))?$/;

/** A value's text with its references replaced, when its syntax is one this module reads; else undefined (code). */
export function substituteIfRead(expression: string, values: string[]): string | undefined {
  if (isWholeReference(expression) && values.length === 1) return values[0];
  return readsOf(expression) ? substitute(expression, values) : undefined;
}
