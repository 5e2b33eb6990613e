// Terraform, .tfvars and Nomad job files, parsed with tree-sitter (positions survive syntax errors).
// Finds connection strings in any attribute, Nomad env blocks and template data, and the Kafka/MSK
// resources Terraform declares. Locals and variables from sibling files are completed later by
// resolveTerraform() (src/core/terraform/resolve.ts).
import type { Node, Tree } from 'web-tree-sitter';
import { emptyFacts, type BrokerRefText, type FileFacts } from '../model/types';
import type { ExtractOptions } from './options';
import { scanEnvLines } from './config/envLines';
import { securityHintOfSetting } from './security';
import { isBrokerKey, LineIndex, listRef, refOffset, scalarRef, topicDirectionOfKey } from './text';
import { indirectRef } from './config/indirect';
import { commandRefs } from './commandRefs';
import { blockAttributes, blockHeader, blockBody } from '../terraform/convert';
import { hclRuntime, loadHclRuntime, matchPasses, type HclPass, type HclRuntime } from '../terraform/parser';
import { declarationsOf, emptyScope, isAutoTfvars, isEmptyScope, type PendingResource, type TerraformFileFacts } from '../terraform/module';
import { expandResource } from '../terraform/resources';
import { readMskCluster, readMskConfiguration } from '../terraform/msk';

export { hclWasmFiles } from '../terraform/parser';

/** Loads the parser; extractHcl() needs this to have resolved. */
export async function ensureHclReady(): Promise<void> {
  await loadHclRuntime();
}

// tree-sitter needs ~100 bytes of wasm heap per input byte, and that heap never shrinks.
const MAX_HCL_CHARS = 2 * 1024 * 1024;

export function extractHcl(file: string, text: string, opts: ExtractOptions): FileFacts {
  const facts: TerraformFileFacts = emptyFacts(file, 'hcl');
  const runtime = hclRuntime();
  if (!runtime) {
    facts.problems.push({
      file,
      line: 1,
      column: 1,
      severity: 'warning',
      message: 'the HCL parser is not loaded (ensureHclReady() was not awaited); this file was not read',
    });
    return facts;
  }
  if (text.length > MAX_HCL_CHARS) {
    facts.problems.push({
      file,
      line: 1,
      column: 1,
      severity: 'info',
      message: `skipped: HCL files over ${MAX_HCL_CHARS / 1024 / 1024} MB are not parsed`,
    });
    return facts;
  }
  const tree = runtime.parser.parse(text);
  if (!tree) {
    facts.problems.push({ file, line: 1, column: 1, severity: 'warning', message: 'could not parse this HCL file' });
    return facts;
  }
  try {
    const index = new LineIndex(text);
    const reader = new HclFileReader(file, text, index, opts, facts, runtime);
    reader.reportSyntaxError(tree);
    const passes = matchPasses(runtime.queries, tree.rootNode);
    reader.scanValues(passes.values);
    reader.scanReferences(passes.references);
    reader.scanNameValueObjects(passes.objects);
    reader.scanEnvBlocks(passes.envBlocks);
    reader.scanDefinitions(tree.rootNode, file.endsWith('.tfvars'));
    if (!file.endsWith('.tfvars')) reader.readTerraform(tree.rootNode);
    else if (isAutoTfvars(file)) reader.readTfvars(tree.rootNode);
    reader.finish();
  } finally {
    tree.delete();
  }
  return facts;
}

const TERRAFORM_BLOCKS = new Set(['locals', 'variable', 'resource', 'module']);
const COMMAND_KEYS = new Set(['args', 'command', 'entrypoint']);
const BROKER_FLAG = /^--?(?:bootstrap[-_.]?servers?|brokers?|broker[-_]list|kafka[-_.]?(?:brokers|bootstrap))$/;

/** The text between the quotes of a plain string expression (no interpolation), with where it starts. */
function literalContent(expression: Node): { text: string; startIndex: number } | undefined {
  const lit = expression.namedChild(0)?.type === 'literal_value' ? expression.namedChild(0)?.namedChild(0) : undefined;
  const content = lit?.type === 'string_lit' ? lit.namedChildren.find((c) => c?.type === 'template_literal') : undefined;
  return content ? { text: content.text, startIndex: content.startIndex } : undefined;
}

type PassMatches = ReturnType<typeof matchPasses>[HclPass];

class HclFileReader {
  // Keyed by the offset of the first part, so a later, better-keyed reading of the same string wins.
  private readonly refs = new Map<number, BrokerRefText>();

  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly index: LineIndex,
    private readonly opts: ExtractOptions,
    private readonly facts: TerraformFileFacts,
    private readonly runtime: HclRuntime,
  ) {}

  reportSyntaxError(tree: Tree): void {
    if (!tree.rootNode.hasError) return;
    const errors = this.runtime.queries.errors.captures(tree.rootNode).map((c) => c.node);
    errors.sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
    let node = errors[0];
    if (!node) return;
    // An ERROR can wrap everything from the start of the enclosing block; a nested error is closer to
    // the text that actually broke the parse.
    // Two errors can span the same text (zero-width MISSING nodes at one offset, an ERROR and its only
    // child): each lies inside the other, so descend only to nodes not visited yet, or it never ends.
    const visited = [node];
    for (;;) {
      const current = node;
      const inner = errors.find(
        (e) => !visited.some((v) => v.equals(e)) && e.startIndex >= current.startIndex && e.endIndex <= current.endIndex,
      );
      if (!inner) break;
      visited.push(inner);
      node = inner;
    }
    const at = this.index.position(node.startIndex);
    this.facts.problems.push({
      file: this.file,
      line: at.line,
      column: at.column,
      severity: 'warning',
      message: `could not parse HCL here: ${this.describeError(node)}`,
    });
  }

  private describeError(node: Node): string {
    if (node.isMissing && /^[}\])"]$/.test(node.type)) return `missing ${JSON.stringify(node.type)}`;
    // Other MISSING nodes name what the grammar's recovery invented (a heredoc marker for `= =`),
    // which would confuse; the text found there is what the user can act on.
    const source = node.isMissing ? this.text.slice(node.startIndex) : node.text;
    const snippet = source.split('\n')[0].trim().slice(0, 30);
    return snippet ? `unexpected ${JSON.stringify(snippet)}` : 'unexpected end of file';
  }

  /** Connection strings in attribute and object values: strings, templates' literal parts, string lists. */
  scanValues(matches: PassMatches): void {
    for (const match of matches) {
      let keyNode: Node | undefined;
      let valueNode: Node | undefined;
      let shape = '';
      for (const capture of match.captures) {
        if (capture.name === 'key') keyNode = capture.node;
        else {
          valueNode = capture.node;
          shape = capture.name;
        }
      }
      if (!keyNode || !valueNode) continue;
      const key = this.keyOf(keyNode);
      if (shape === 'string')
        this.addRef(scalarRef(this.file, 'hcl', 'config', key, valueNode.text, valueNode.startIndex, this.index, this.opts));
      else if (shape === 'template') {
        this.scanTemplateLiterals(key, valueNode);
        this.scanTemplateReads(key, valueNode);
      } else if (shape === 'tuple') this.scanTuple(key, valueNode);
    }
  }

  // `variable "kafka_brokers" { default = "..." }`: the variable's name says what the default is.
  private keyOf(keyNode: Node): string {
    const key = keyNode.text;
    if (key !== 'default') return key;
    const block = keyNode.parent?.parent?.parent;
    if (block?.type !== 'block') return key;
    const header = blockHeader(block);
    return header.type === 'variable' && header.labels[0] ? header.labels[0] : key;
  }

  // In `"${var.host}:9092,b:9092"` only a literal part that is a whole host list on its own counts:
  // where it touches an interpolation there must be a separator, so no host is cut in two.
  private scanTemplateLiterals(key: string, template: Node): void {
    const parts = template.namedChildren.filter(
      (c): c is Node => !!c && c.type !== 'quoted_template_start' && c.type !== 'quoted_template_end',
    );
    parts.forEach((part, i) => {
      if (part.type !== 'template_literal') return;
      const literal = part.text;
      if (i > 0 && !/^[\s,;]/.test(literal)) return;
      if (i < parts.length - 1 && !/[\s,;]$/.test(literal)) return;
      const lead = literal.length - literal.replace(/^[\s,;]+/, '').length;
      const hosts = literal.slice(lead).replace(/[\s,;]+$/, '');
      this.addRef(scalarRef(this.file, 'hcl', 'config', key, hosts, part.startIndex + lead, this.index, this.opts));
    });
  }

  // `bootstrap_servers = "${var.brokers}"`, `command = "kafka-topics --bootstrap-server ${var.brokers}"`:
  // the string reads other values. Literal parts were read above; a whole literal host list wins.
  private scanTemplateReads(key: string, template: Node): void {
    const start = template.startIndex + 1;
    const content = this.text.slice(start, template.endIndex - 1);
    if (isBrokerKey(key)) {
      if (!this.refs.has(start)) this.addRef(indirectRef(this.file, 'hcl', key, content, start, content.length, this.index));
      return;
    }
    if (content.includes('--b') || content.includes('kcat')) {
      for (const ref of commandRefs(this.file, 'hcl', this.text, start, template.endIndex - 1, this.index, this.opts)) this.addRef(ref);
    }
  }

  /** `bootstrap_servers = var.brokers`: a connection setting whose value is a Terraform reference. */
  scanReferences(matches: PassMatches): void {
    for (const match of matches) {
      const key = match.captures.find((c) => c.name === 'key')?.node;
      const rootName = match.captures.find((c) => c.name === 'root')?.node.text;
      const ref = match.captures.find((c) => c.name === 'ref')?.node;
      if (!key || !ref) continue;
      const ssm = rootName === 'data' && ref.text.startsWith('data.aws_ssm_parameter.');
      if (rootName !== 'var' && rootName !== 'local' && !ssm) continue;
      const name = this.keyOf(key);
      if (!isBrokerKey(name)) continue;
      if (ssm) {
        // `data.aws_ssm_parameter.kafka.value`: the value lives in SSM Parameter Store, outside the repository.
        const range = this.index.range(ref.startIndex, ref.text.length);
        this.addRef({
          file: this.file,
          format: 'hcl',
          key: name,
          kind: 'indirect',
          expression: ref.text,
          reads: [{ kind: 'ssm', name: ref.text }],
          offset: ref.startIndex,
          range,
          parts: [],
          hosts: [],
        });
        continue;
      }
      // `locals { kafka = var.brokers }` only names a value; the setting that uses the local is the client's.
      const block = key.parent?.parent?.parent;
      if (block?.type === 'block' && blockHeader(block).type === 'locals') continue;
      // `var.brokers` reads like `${var.brokers}`: one Terraform reference, the whole value.
      const found = indirectRef(this.file, 'hcl', name, '${' + ref.text + '}', ref.startIndex, ref.text.length, this.index);
      if (found) this.addRef({ ...found, expression: ref.text });
    }
  }

  /**
   * What a connection setting elsewhere may read: `.tfvars` values and variable defaults as `var.<name>`,
   * locals as `local.<name>`, with the offset of their string so a literal is rewritten where it is defined.
   */
  scanDefinitions(root: Node, tfvars: boolean): void {
    const body = root.namedChildren.find((n) => n?.type === 'body');
    if (!body) return;
    for (const node of body.namedChildren) {
      if (!node) continue;
      if (tfvars && node.type === 'attribute') this.addDefinition(`var.${node.namedChild(0)?.text}`, node);
      if (node.type !== 'block') continue;
      const header = blockHeader(node);
      if (header.type === 'locals') {
        for (const attribute of blockBody(node))
          if (attribute.type === 'attribute') this.addDefinition(`local.${attribute.namedChild(0)?.text}`, attribute);
      } else if (header.type === 'variable' && header.labels[0]) {
        const fallback = blockBody(node).find((a) => a.type === 'attribute' && a.namedChild(0)?.text === 'default');
        if (fallback) this.addDefinition(`var.${header.labels[0]}`, fallback);
      }
    }
  }

  private addDefinition(key: string, attribute: Node): void {
    const content = this.stringContent(attribute);
    const expression = attribute.namedChildren.find((c) => c?.type === 'expression');
    if (content) {
      this.facts.settings.push({
        file: this.file,
        key,
        value: content.text,
        range: this.index.range(content.offset, content.text.length),
        offset: content.offset,
      });
    } else if (expression && /^(?:var|local)\.[\w-]+$/.test(expression.text)) {
      // `locals { kafka = var.brokers }`: a reference to follow, written as the interpolation it means.
      this.facts.settings.push({
        file: this.file,
        key,
        value: '${' + expression.text + '}',
        range: this.index.range(expression.startIndex, expression.text.length),
      });
    }
  }

  private scanTuple(key: string, tuple: Node): void {
    const items: Array<{ text: string; offset: number }> = [];
    const elements = tuple.namedChildren.filter((e): e is Node => !!e && e.type === 'expression');
    let literal = true;
    for (const element of elements) {
      const content = literalContent(element);
      if (!content) literal = false;
      else items.push({ text: content.text, offset: content.startIndex });
    }
    if (literal) this.addRef(listRef(this.file, 'hcl', 'config', key, items, this.index, this.opts));
    if (COMMAND_KEYS.has(key)) this.scanFlagPairs(elements);
  }

  // Nomad `args = ["-brokers", "kafka-a:9092"]` / `["--bootstrap-server", "${var.brokers}"]`: a broker
  // flag's value is the next element.
  private scanFlagPairs(elements: Node[]): void {
    elements.forEach((element, i) => {
      const next = elements[i + 1];
      const flag = literalContent(element)?.text;
      if (!next || !flag || !BROKER_FLAG.test(flag)) return;
      const value = literalContent(next);
      if (value) {
        this.addRef(
          scalarRef(this.file, 'hcl', 'command', undefined, value.text, value.startIndex, this.index, { ...this.opts, keyed: true }),
        );
        return;
      }
      const template = next.namedChild(0)?.type === 'template_expr' ? next.namedChild(0)?.namedChild(0) : undefined;
      if (template?.type !== 'quoted_template') return;
      const start = template.startIndex + 1;
      const text = this.text.slice(start, template.endIndex - 1);
      this.addRef(indirectRef(this.file, 'hcl', undefined, text, start, text.length, this.index));
    });
  }

  /**
   * ECS task definitions and similar: `{ name = "KAFKA_BROKERS", value = "k:9092" | "${var.x}" | var.x }`
   * is setting KAFKA_BROKERS, a connection string or an indirect ref under that name.
   */
  scanNameValueObjects(matches: PassMatches): void {
    for (const { captures } of matches) {
      const capture = captures[0];
      let name: Node | undefined;
      let value: Node | undefined;
      for (const elem of capture.node.namedChildren) {
        if (elem?.type !== 'object_elem') continue;
        const key = elem.childForFieldName('key')?.text;
        if (key === 'name') name = elem.childForFieldName('val') ?? undefined;
        else if (key === 'value') value = elem.childForFieldName('val') ?? undefined;
      }
      const envName = name && literalContent(name)?.text;
      if (!envName || !value || !/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(envName)) continue;
      const inner = value.namedChild(0);
      const content = literalContent(value);
      if (content) {
        this.addSetting(envName, content.text, content.startIndex, true);
      } else if (inner?.type === 'template_expr' && inner.namedChild(0)?.type === 'quoted_template') {
        const start = inner.startIndex + 1;
        this.addSetting(envName, this.text.slice(start, inner.endIndex - 1), start, false);
      } else if (inner?.type === 'variable_expr' && isBrokerKey(envName) && /^(?:var|local)\.[\w-]+$/.test(value.text)) {
        const found = indirectRef(this.file, 'hcl', envName, '${' + value.text + '}', value.startIndex, value.text.length, this.index);
        if (found) this.addRef({ ...found, expression: value.text });
      }
    }
  }

  private addRef(ref: BrokerRefText | undefined): void {
    if (ref) this.refs.set(refOffset(ref), ref);
  }

  /** Nomad `env {}` and `template {}` blocks, and provider-style `env { name = ..., value = ... }`. */
  scanEnvBlocks(matches: PassMatches): void {
    for (const match of matches) {
      const block = match.captures.find((c) => c.name === 'block')?.node;
      if (!block) continue;
      if (blockHeader(block).type === 'env') this.readEnvBlock(block);
      else this.readTemplateBlock(block);
    }
  }

  private readEnvBlock(block: Node): void {
    const attributes = blockBody(block).filter((c) => c.type === 'attribute');
    const names = attributes.map((a) => a.namedChild(0)?.text);
    if (names.length === 2 && names.includes('name') && names.includes('value')) {
      const name = this.stringContent(attributes[names.indexOf('name')]);
      const value = attributes[names.indexOf('value')];
      const content = this.stringContent(value);
      if (name && content) this.addSetting(name.text, content.text, content.offset, true);
      return;
    }
    for (const attribute of attributes) {
      const key = attribute.namedChild(0)?.text;
      const content = this.stringContent(attribute);
      if (key && content) this.addSetting(key, content.text, content.offset, false);
    }
  }

  private addSetting(key: string, value: string, offset: number, rekey: boolean): void {
    const range = this.index.range(offset, value.length);
    this.facts.settings.push({ file: this.file, key, value, range, offset });
    const hint = securityHintOfSetting(this.file, key, value, offset, range, 'config');
    if (hint) this.facts.security.push(hint);
    if (rekey) this.addRef(scalarRef(this.file, 'hcl', 'config', key, value, offset, this.index, this.opts));
    // Nomad `env { KAFKA_BROKERS = "${NOMAD_META_kafka}" }`: the env key makes it a connection setting.
    if (isBrokerKey(key) && !this.refs.has(offset))
      this.addRef(indirectRef(this.file, 'hcl', key, value, offset, value.length, this.index));
    const direction = topicDirectionOfKey(key);
    if (direction && /^[A-Za-z0-9._-]+$/.test(value) && !this.refs.has(offset)) {
      this.facts.topicUses.push({ file: this.file, direction, topic: value, client: 'config', range });
    }
  }

  /** The text between the quotes of an attribute's string value (with interpolations as written), or of a number/bool. */
  private stringContent(attribute: Node | undefined): { text: string; offset: number } | undefined {
    const expression = attribute?.namedChildren.find((c) => c?.type === 'expression');
    const value = expression?.namedChild(0);
    if (!expression || !value || expression.namedChildCount !== 1) return undefined;
    if (value.type === 'literal_value') {
      const inner = value.namedChild(0);
      if (inner?.type === 'string_lit')
        return { text: this.text.slice(inner.startIndex + 1, inner.endIndex - 1), offset: inner.startIndex + 1 };
      if (inner?.type === 'numeric_lit' || inner?.type === 'bool_lit') return { text: inner.text, offset: inner.startIndex };
      return undefined;
    }
    if (value.type === 'template_expr' && value.namedChild(0)?.type === 'quoted_template') {
      return { text: this.text.slice(value.startIndex + 1, value.endIndex - 1), offset: value.startIndex + 1 };
    }
    return undefined;
  }

  // Template data is usually an env file (`env = true`) or a properties file: both are KEY=value lines.
  private readTemplateBlock(block: Node): void {
    const data = blockBody(block).find((c) => c.type === 'attribute' && c.namedChild(0)?.text === 'data');
    const expression = data?.namedChildren.find((c) => c?.type === 'expression');
    const value = expression?.namedChild(0);
    if (!value) return;
    const scanned = emptyFacts(this.file, 'hcl');
    const heredoc = value.type === 'template_expr' ? value.namedChild(0) : undefined;
    if (heredoc?.type === 'heredoc_template') {
      const markers = heredoc.namedChildren.filter((c): c is Node => c?.type === 'heredoc_identifier');
      if (markers.length < 2) return;
      const start = this.text.indexOf('\n', markers[0].endIndex) + 1;
      const end = markers[markers.length - 1].startIndex;
      if (start > 0 && start <= end) scanEnvLines(this.file, this.text, start, end, this.index, this.opts, scanned);
    } else {
      const content = this.stringContent(data);
      if (!content) return;
      // A quoted string writes its line breaks as `\n` escapes: scan each line between them in place.
      let lineStart = content.offset;
      const contentEnd = content.offset + content.text.length;
      for (const m of content.text.matchAll(/\\n/g)) {
        scanEnvLines(this.file, this.text, lineStart, content.offset + (m.index ?? 0), this.index, this.opts, scanned);
        lineStart = content.offset + (m.index ?? 0) + 2;
      }
      scanEnvLines(this.file, this.text, lineStart, contentEnd, this.index, this.opts, scanned);
    }
    this.facts.settings.push(...scanned.settings);
    this.facts.topicUses.push(...scanned.topicUses);
    for (const ref of scanned.brokerRefs) this.addRef(ref);
  }

  /** locals, variable defaults and the Kafka/MSK resources at the top level of a .tf file. */
  readTerraform(root: Node): void {
    // Comments before the first block are siblings of the body, not inside it.
    const body = root.namedChildren.find((n) => n?.type === 'body');
    if (!body) return;
    const scope = emptyScope();
    const resources: PendingResource[] = [];
    const clusters: Array<{ block: Node; name: string; header: ReturnType<LineIndex['range']> }> = [];
    for (const block of body.namedChildren) {
      if (block?.type !== 'block') continue;
      if (!TERRAFORM_BLOCKS.has(block.namedChild(0)?.text ?? '')) continue;
      const header = blockHeader(block);
      const headerRange = this.index.range(block.startIndex, header.end - block.startIndex);
      if (header.type === 'locals') {
        Object.assign(scope.locals, blockAttributes(block, this.index));
      } else if (header.type === 'module' && header.labels[0]) {
        const inputs = blockAttributes(block, this.index);
        const source = inputs.source;
        // Only a local source is in the repository to follow (`./modules/topics`, `../shared/kafka`).
        if (source?.kind === 'string' && /^\.\.?\//.test(source.value)) {
          (scope.modules ??= []).push({ name: header.labels[0], source: source.value, file: this.file, header: headerRange, inputs });
        }
      } else if (header.type === 'variable' && header.labels[0]) {
        const fallback = blockAttributes(block, this.index).default;
        if (fallback) scope.variables[header.labels[0]] = fallback;
      } else if (header.type === 'resource' && header.labels.length === 2) {
        const [type, name] = header.labels;
        if (type === 'kafka_topic' || type === 'kafka_acl') {
          const resource: PendingResource = {
            type,
            name,
            file: this.file,
            header: headerRange,
            attributes: blockAttributes(block, this.index),
          };
          resources.push(resource);
          if (type === 'kafka_topic') (scope.topicResources ??= []).push(resource);
        } else if (type === 'aws_msk_cluster') {
          clusters.push({ block, name, header: headerRange });
        } else if (type === 'aws_msk_configuration') {
          scope.mskConfigurations[name] = readMskConfiguration(block);
        }
      }
    }
    const declarations = declarationsOf([{ file: this.file, scope }]);
    for (const resource of resources) {
      const result = expandResource(resource, declarations);
      if (result.kind === 'missing') {
        scope.pending.push(resource);
        continue;
      }
      this.facts.topicDecls.push(...result.topics);
      this.facts.acls.push(...result.acls);
      this.facts.problems.push(...result.problems);
    }
    for (const cluster of clusters) {
      const read = readMskCluster(cluster.block, cluster.name, this.file, cluster.header, this.index, { file: this.file, ...declarations });
      if (read.configuration !== undefined) {
        const known = scope.mskConfigurations[read.configuration];
        if (known !== undefined) read.decl.autoCreateTopics = known;
        else scope.mskLinks[cluster.name] = read.configuration;
      }
      this.facts.mskClusters.push(read.decl);
    }
    if (!isEmptyScope(scope)) this.facts.terraform = scope;
  }

  /** An auto-loaded `.tfvars` file (`terraform.tfvars`, `*.auto.tfvars`): its values override the folder's variable defaults. */
  readTfvars(root: Node): void {
    const values = blockAttributes(root, this.index);
    if (Object.keys(values).length) this.facts.terraform = { ...emptyScope(), tfvars: values };
  }

  finish(): void {
    this.facts.brokerRefs.push(...[...this.refs.values()].sort((a, b) => refOffset(a) - refOffset(b)));
  }
}
