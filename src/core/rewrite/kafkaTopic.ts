// Declares a missing topic for the Mongey/kafka Terraform provider: MSK ships with
// auto.create.topics.enable=false, so a topic must exist before its producers move.
import type { TextEdit } from '../model/common';
import { LineIndex } from '../extract/text';

export interface KafkaTopicOptions {
  /** Default 3: spreads the topic over the three AZs of a typical MSK cluster. */
  partitions?: number;
  /** Default 3: AWS's advice for MSK, so one broker can be down (and min.insync.replicas=2 still holds). */
  replicationFactor?: number;
  /** The Terraform resource name; defaults to the topic name made a valid identifier. */
  resourceName?: string;
}

export const DEFAULT_PARTITIONS = 3;
export const DEFAULT_REPLICATION_FACTOR = 3;

/**
 * An edit that appends `resource "kafka_topic" "<name>" { … }` to a Terraform file, formatted as
 * `terraform fmt` would (aligned `=`), indented like the file, separated by exactly one blank line, ending
 * with a newline, in the file's line-ending style.
 */
export function kafkaTopicBlock(topic: string, opts: KafkaTopicOptions, fileText: string, file: string): TextEdit {
  const eol = fileText.includes('\r\n') ? '\r\n' : '\n';
  const indent = indentUnit(fileText);
  const name = uniqueResourceName(sanitiseResourceName(opts.resourceName ?? topic), fileText);
  const attributes: Array<[string, string]> = [
    ['name', hclString(topic)],
    ['partitions', String(opts.partitions ?? DEFAULT_PARTITIONS)],
    ['replication_factor', String(opts.replicationFactor ?? DEFAULT_REPLICATION_FACTOR)],
  ];
  const width = Math.max(...attributes.map(([key]) => key.length));
  const block = [
    `resource "kafka_topic" "${name}" {`,
    ...attributes.map(([key, value]) => `${indent}${key.padEnd(width)} = ${value}`),
    '}',
  ].join(eol);

  // Replace the file's trailing whitespace so the result has exactly one blank line before the block.
  const contentEnd = fileText.replace(/\s+$/, '').length;
  const lead = contentEnd === 0 ? '' : eol + eol;
  const index = new LineIndex(fileText);
  return index.edit(file, contentEnd, fileText.length - contentEnd, `${lead}${block}${eol}`);
}

/** A tab if the file indents with tabs, else the smallest space indentation it uses (2 when it has none). */
export function indentUnit(text: string): string {
  let smallest = Infinity;
  for (const line of text.split(/\r?\n/)) {
    const lead = /^[ \t]*/.exec(line)![0];
    if (lead.length === 0 || lead.length === line.length) continue;
    if (lead.startsWith('\t')) return '\t';
    smallest = Math.min(smallest, lead.length);
  }
  return Number.isFinite(smallest) ? ' '.repeat(smallest) : '  ';
}

/** Terraform names: letters, digits, `_`, `-`, not starting with a digit. Lower snake case by convention. */
export function sanitiseResourceName(raw: string): string {
  let name = raw
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (name === '') name = 'topic';
  if (/^[0-9]/.test(name)) name = `topic_${name}`;
  return name;
}

function uniqueResourceName(base: string, fileText: string): string {
  const taken = new Set<string>();
  const declared = /resource\s+"kafka_topic"\s+"([^"]+)"/g;
  let m: RegExpExecArray | null;
  while ((m = declared.exec(fileText))) taken.add(m[1]);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
  }
}

/** An HCL string literal: escapes quotes and backslashes, and `${`/`%{` so they aren't read as templates. */
function hclString(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, '%%{');
  return `"${escaped}"`;
}
