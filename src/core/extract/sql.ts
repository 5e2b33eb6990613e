// SQL files of stream engines that read and write Kafka themselves:
// - ClickHouse Kafka engine tables: `ENGINE = Kafka SETTINGS kafka_broker_list = '…', kafka_topic_list = 'a,b',
//   kafka_group_name = 'g'` or the positional `ENGINE = Kafka('brokers', 'topics', 'group', 'format')`: they consume.
// - ksqlDB: `CREATE STREAM|TABLE s (…) WITH (KAFKA_TOPIC='t')` reads an existing topic (consume);
//   `CREATE STREAM s [WITH (KAFKA_TOPIC='t')] AS SELECT …` writes `t`, or the upper-cased name by default (produce);
//   `INSERT INTO s SELECT …` writes s's topic; `SET 'auto.offset.reset' = '…'` is the offset reset.
// - Flink SQL: `CREATE TABLE t (…) WITH ('connector' = 'kafka', 'topic' = '…', 'properties.bootstrap.servers' = '…',
//   'properties.group.id' = '…', 'scan.startup.mode' = '…')`: produced when the file `INSERT INTO`s it, consumed
//   when it reads it `FROM`/`JOIN`; when the file shows neither, both (the cautious reading: it keeps the
//   service out of the consumers-first wave until someone says otherwise).
import { emptyFacts, type FileFacts, type OffsetReset, type TopicDirection } from '../model/types';
import type { ExtractOptions } from './options';
import { ConfigRecorder } from './config/record';
import { LineIndex, scalarRef } from './text';

interface Token {
  kind: 'word' | 'string' | 'ident' | 'punct';
  /** Words as written; strings and quoted identifiers unquoted and unescaped. */
  value: string;
  offset: number;
  end: number;
  /** A string whose content is its value verbatim (no escapes), so it can be ranged and edited. */
  exact: boolean;
}

const TOPIC_NAME = /^[A-Za-z0-9._-]+$/;

/** Cheap test: only files naming one of the engines' Kafka words are tokenized. */
const KAFKA_SQL = /kafka/i;

export function extractSql(file: string, text: string, opts: ExtractOptions): FileFacts {
  const facts = emptyFacts(file, 'sql');
  if (!KAFKA_SQL.test(text)) return facts;
  const index = new LineIndex(text);
  const tokens = tokenize(text, (offset, message) => {
    const at = index.position(offset);
    facts.problems.push({ file, line: at.line, column: at.column, severity: 'warning', message: `invalid SQL: ${message}` });
  });
  const statements = split(tokens);
  const reader = new SqlReader(new ConfigRecorder(file, text, index, opts, facts), statements);
  reader.read();
  return facts;
}

function tokenize(text: string, problem: (offset: number, message: string) => void): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
      i++;
    } else if (c === '-' && text[i + 1] === '-') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) {
        problem(i, 'unterminated comment');
        return out;
      }
      i = close + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      const start = i;
      let value = '';
      let exact = true;
      i++;
      for (;;) {
        if (i >= n) {
          problem(start, c === "'" ? 'unterminated string' : 'unterminated quoted identifier');
          return out;
        }
        const d = text[i];
        if (d === c && text[i + 1] === c) {
          value += c;
          exact = false;
          i += 2;
        } else if (d === c) {
          i++;
          break;
        } else if (d === '\\' && c === "'" && i + 1 < n) {
          value += text[i + 1];
          exact = false;
          i += 2;
        } else {
          value += d;
          i++;
        }
      }
      out.push({ kind: c === "'" ? 'string' : 'ident', value, offset: start, end: i, exact });
    } else if (/[A-Za-z0-9_$]/.test(c)) {
      const start = i;
      while (i < n && /[A-Za-z0-9_$]/.test(text[i])) i++;
      out.push({ kind: 'word', value: text.slice(start, i), offset: start, end: i, exact: true });
    } else {
      out.push({ kind: 'punct', value: c, offset: i, end: i + 1, exact: true });
      i++;
    }
  }
  return out;
}

function split(tokens: Token[]): Token[][] {
  const out: Token[][] = [];
  let cur: Token[] = [];
  for (const t of tokens) {
    if (t.kind === 'punct' && t.value === ';') {
      if (cur.length) out.push(cur);
      cur = [];
    } else cur.push(t);
  }
  if (cur.length) out.push(cur);
  return out;
}

const is = (t: Token | undefined, word: string) => !!t && t.kind === 'word' && t.value.toUpperCase() === word;
const punct = (t: Token | undefined, p: string) => !!t && t.kind === 'punct' && t.value === p;

/** A CREATE of a stream/table: its name and where its parts are. */
interface Created {
  name: string;
  nameToken: Token;
  stream: boolean;
  /** `AS SELECT` follows. */
  asSelect: boolean;
  /** The statement's tokens. */
  tokens: Token[];
}

/** A Flink Kafka table waiting for the file's INSERT/FROM to tell its direction. */
interface FlinkTable {
  name: string;
  topics: Token[];
  pattern?: Token;
}

class SqlReader {
  private readonly inserted = new Set<string>();
  private readonly read_ = new Set<string>();
  private readonly ksqlTopics = new Map<string, Token | string>();

  private readonly file: string;
  private readonly index: LineIndex;
  private readonly opts: ExtractOptions;
  private readonly facts: FileFacts;

  /** The recorder carries the file's place and facts; SQL records no settings, so it is not otherwise used. */
  constructor(
    recorder: ConfigRecorder,
    private readonly statements: Token[][],
  ) {
    this.file = recorder.file;
    this.index = recorder.index;
    this.opts = recorder.opts;
    this.facts = recorder.facts;
  }

  read(): void {
    for (const s of this.statements) this.usage(s);
    const flink: FlinkTable[] = [];
    for (const s of this.statements) {
      if (is(s[0], 'SET')) this.ksqlSet(s);
      else if (is(s[0], 'CREATE')) this.create(s, flink);
      else if (is(s[0], 'INSERT')) this.ksqlInsert(s);
    }
    for (const t of flink) {
      const ins = this.inserted.has(t.name);
      const from = this.read_.has(t.name);
      const directions: TopicDirection[] = ins && !from ? ['produce'] : from && !ins ? ['consume'] : ['consume', 'produce'];
      for (const d of directions) {
        for (const topic of t.topics) this.topicList(topic, d, 'flink');
        if (t.pattern) this.patternUse(t.pattern, d, 'flink');
      }
    }
  }

  /** Names written to (`INSERT INTO x`) and read (`FROM x`, `JOIN x`) anywhere in the file. */
  private usage(s: Token[]): void {
    for (let i = 0; i < s.length; i++) {
      if ((is(s[i], 'INTO') && is(s[i - 1], 'INSERT')) || (is(s[i], 'TABLE') && is(s[i - 1], 'OVERWRITE'))) {
        const name = nameAt(s, i + 1);
        if (name) this.inserted.add(name.name.toLowerCase());
      } else if (is(s[i], 'FROM') || is(s[i], 'JOIN')) {
        const name = nameAt(s, i + 1);
        if (name) this.read_.add(name.name.toLowerCase());
      }
    }
  }

  private create(s: Token[], flink: FlinkTable[]): void {
    let i = 1;
    while (is(s[i], 'OR') || is(s[i], 'REPLACE') || is(s[i], 'TEMPORARY') || is(s[i], 'SOURCE') || is(s[i], 'TEMP')) i++;
    const stream = is(s[i], 'STREAM');
    if (!stream && !is(s[i], 'TABLE')) return;
    i++;
    if (is(s[i], 'IF') && is(s[i + 1], 'NOT') && is(s[i + 2], 'EXISTS')) i += 3;
    const name = nameAt(s, i);
    if (!name) return;
    const created: Created = { name: name.name, nameToken: name.token, stream, asSelect: false, tokens: s };
    const engine = findEngine(s);
    if (engine >= 0) {
      this.clickhouse(s, engine);
      return;
    }
    const withAt = findTopLevel(s, (j) => is(s[j], 'WITH') && punct(s[j + 1], '('));
    const asAt = findTopLevel(s, (j) => is(s[j], 'AS') && (is(s[j + 1], 'SELECT') || punct(s[j + 1], '(')));
    created.asSelect = asAt >= 0;
    const props = withAt >= 0 ? properties(s, withAt + 2) : [];
    const connector = props.find((p) => p.key.toLowerCase() === 'connector');
    if (connector) {
      if (/kafka/i.test(connector.value.value)) this.flink(created, props, flink);
      return;
    }
    const ksqlTopic = props.find((p) => p.key.toUpperCase() === 'KAFKA_TOPIC');
    if (ksqlTopic || created.asSelect || stream) this.ksql(created, ksqlTopic?.value);
  }

  private clickhouse(s: Token[], engine: number): void {
    let i = engine + 3;
    const settings: Array<{ key: string; value: Token }> = [];
    if (punct(s[i], '(')) {
      // Positional: Kafka('brokers', 'topics', 'group', 'format', …).
      const args = argumentsAt(s, i);
      const names = ['kafka_broker_list', 'kafka_topic_list', 'kafka_group_name', 'kafka_format'];
      args.forEach((a, k) => names[k] && settings.push({ key: names[k], value: a }));
      i = closing(s, i) + 1;
    }
    const at = findFrom(s, i, (j) => is(s[j], 'SETTINGS'));
    if (at >= 0) settings.push(...properties(s, at + 1, true));
    const get = (k: string) => settings.find((p) => p.key.toLowerCase() === k)?.value;
    const brokers = get('kafka_broker_list');
    if (brokers) this.brokerRef('kafka_broker_list', brokers);
    const topics = get('kafka_topic_list');
    if (topics) this.topicList(topics, 'consume', 'clickhouse');
    const group = get('kafka_group_name');
    if (group && group.kind === 'string' && group.value.trim()) this.group(group, 'clickhouse');
    // ClickHouse sets auto.offset.reset=earliest for its consumers (a new group reads from the start).
    const anchor = s[engine];
    this.facts.offsetResets.push({
      file: this.file,
      client: 'clickhouse',
      value: 'earliest',
      explicit: false,
      range: this.index.range(anchor.offset, anchor.end - anchor.offset),
    });
  }

  private flink(c: Created, props: Array<{ key: string; value: Token }>, flink: FlinkTable[]): void {
    const get = (k: string) => props.find((p) => p.key === k)?.value;
    const topic = get('topic');
    const pattern = get('topic-pattern');
    const brokers = get('properties.bootstrap.servers');
    if (brokers) this.brokerRef('properties.bootstrap.servers', brokers);
    const group = get('properties.group.id');
    if (group && group.value.trim()) this.group(group, 'flink');
    const mode = get('scan.startup.mode');
    if (mode) this.flinkStartup(mode, get('properties.auto.offset.reset'));
    // `topic` may list several: `'a;b'` (Flink's separator is `;`).
    flink.push(
      pattern
        ? { name: c.name.toLowerCase(), topics: topic ? [topic] : [], pattern }
        : { name: c.name.toLowerCase(), topics: topic ? [topic] : [] },
    );
  }

  private flinkStartup(mode: Token, reset: Token | undefined): void {
    const v = mode.value.trim().toLowerCase();
    let value: OffsetReset['value'] = 'unknown';
    if (v === 'earliest-offset') value = 'earliest';
    else if (v === 'latest-offset') value = 'latest';
    else if (v === 'group-offsets' && reset)
      value = /^(?:earliest|smallest)$/i.test(reset.value.trim())
        ? 'earliest'
        : /^(?:latest|largest)$/i.test(reset.value.trim())
          ? 'latest'
          : 'unknown';
    const range = this.index.range(mode.offset + 1, mode.value.length);
    const entry: OffsetReset = { file: this.file, client: 'flink', value, explicit: true, range };
    if (value !== 'earliest' && mode.exact && v === 'latest-offset')
      entry.fix = this.index.edit(this.file, mode.offset + 1, mode.value.length, 'earliest-offset');
    this.facts.offsetResets.push(entry);
  }

  private ksql(c: Created, topic: Token | undefined): void {
    const key = c.name.toLowerCase();
    if (topic) this.ksqlTopics.set(key, topic);
    else this.ksqlTopics.set(key, c.nameToken.kind === 'ident' ? c.name : c.name.toUpperCase());
    const direction: TopicDirection = c.asSelect ? 'produce' : 'consume';
    if (topic) this.topicList(topic, direction, 'ksqldb');
    else if (c.asSelect) {
      // No KAFKA_TOPIC: ksqlDB names the sink topic after the stream, upper-cased unless quoted.
      const name = c.nameToken.kind === 'ident' ? c.name : c.name.toUpperCase();
      this.facts.topicUses.push({
        file: this.file,
        direction,
        topic: name,
        client: 'ksqldb',
        range: this.index.range(c.nameToken.offset, c.nameToken.end - c.nameToken.offset),
      });
    }
  }

  /** `INSERT INTO s SELECT …` of a ksqlDB stream declared in the file: produces to its topic. */
  private ksqlInsert(s: Token[]): void {
    if (!is(s[1], 'INTO')) return;
    const name = nameAt(s, 2);
    if (!name) return;
    const topic = this.ksqlTopics.get(name.name.toLowerCase());
    if (topic === undefined) return;
    const range = this.index.range(name.token.offset, name.token.end - name.token.offset);
    const value = typeof topic === 'string' ? topic : topic.value.trim();
    if (TOPIC_NAME.test(value)) this.facts.topicUses.push({ file: this.file, direction: 'produce', topic: value, client: 'ksqldb', range });
  }

  private ksqlSet(s: Token[]): void {
    const key = s[1];
    const value = punct(s[2], '=') ? s[3] : undefined;
    if (!key || key.kind !== 'string' || !value || value.kind !== 'string') return;
    if (!/(?:^|\.)auto\.offset\.reset$/.test(key.value)) return;
    const v = value.value.trim();
    const resolved = /^(?:earliest|smallest)$/i.test(v) ? 'earliest' : /^(?:latest|largest)$/i.test(v) ? 'latest' : 'unknown';
    const range = this.index.range(value.offset + 1, value.value.length);
    const entry: OffsetReset = { file: this.file, client: 'ksqldb', value: resolved, explicit: true, range };
    if (resolved !== 'earliest' && value.exact) entry.fix = this.index.edit(this.file, value.offset + 1, value.value.length, 'earliest');
    this.facts.offsetResets.push(entry);
  }

  private brokerRef(key: string, t: Token): void {
    if (t.kind !== 'string' || !t.exact) return;
    const ref = scalarRef(this.file, 'sql', 'config', key, t.value, t.offset + 1, this.index, this.opts);
    if (ref) this.facts.brokerRefs.push(ref);
  }

  /** A string of topic names separated by `,` (ClickHouse) or `;` (Flink), each ranged exactly when verbatim. */
  private topicList(t: Token, direction: TopicDirection, client: string): void {
    if (t.kind !== 'string') return;
    const whole = this.index.range(t.offset + 1, Math.max(0, t.end - t.offset - 2));
    let pos = 0;
    for (const raw of t.value.split(/[,;]/)) {
      const name = raw.trim();
      const lead = raw.length - raw.trimStart().length;
      if (name && TOPIC_NAME.test(name)) {
        const range = t.exact ? this.index.range(t.offset + 1 + pos + lead, name.length) : whole;
        this.facts.topicUses.push({ file: this.file, direction, topic: name, client, range });
      }
      pos += raw.length + 1;
    }
  }

  private patternUse(t: Token, direction: TopicDirection, client: string): void {
    if (t.kind !== 'string' || !t.value.trim()) return;
    this.facts.topicUses.push({
      file: this.file,
      direction,
      topic: t.value.trim(),
      pattern: true,
      client,
      range: this.index.range(t.offset + 1, Math.max(0, t.end - t.offset - 2)),
    });
  }

  private group(t: Token, client: string): void {
    const name = t.value.trim();
    const lead = t.value.length - t.value.trimStart().length;
    const range = t.exact ? this.index.range(t.offset + 1 + lead, name.length) : this.index.range(t.offset, t.end - t.offset);
    this.facts.groups.push({ file: this.file, group: name, client, range });
  }
}

/** A (possibly dotted) name at `i`: its last part and the token of that part. */
function nameAt(s: Token[], i: number): { name: string; token: Token } | undefined {
  let t = s[i];
  if (!t || (t.kind !== 'word' && t.kind !== 'ident')) return undefined;
  while (punct(s[i + 1], '.') && s[i + 2] && (s[i + 2].kind === 'word' || s[i + 2].kind === 'ident')) {
    i += 2;
    t = s[i];
  }
  return { name: t.value, token: t };
}

/** `ENGINE = Kafka` at the top level: the index of `ENGINE`, or -1. */
function findEngine(s: Token[]): number {
  return findTopLevel(
    s,
    (j) => is(s[j], 'ENGINE') && punct(s[j + 1], '=') && !!s[j + 2] && s[j + 2].kind === 'word' && s[j + 2].value.toLowerCase() === 'kafka',
  );
}

function findTopLevel(s: Token[], test: (j: number) => boolean): number {
  return findFrom(s, 0, test);
}

function findFrom(s: Token[], from: number, test: (j: number) => boolean): number {
  let depth = 0;
  for (let j = from; j < s.length; j++) {
    if (punct(s[j], '(')) depth++;
    else if (punct(s[j], ')')) depth--;
    else if (depth === 0 && test(j)) return j;
  }
  return -1;
}

/** The index of the `)` closing the `(` at `open` (or the end). */
function closing(s: Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    if (punct(s[j], '(')) depth++;
    else if (punct(s[j], ')') && --depth === 0) return j;
  }
  return s.length;
}

/** The single-token arguments of `(a, b, …)` at `open`. */
function argumentsAt(s: Token[], open: number): Token[] {
  const out: Token[] = [];
  const end = closing(s, open);
  for (let j = open + 1; j < end; j++) if (!punct(s[j], ',')) out.push(s[j]);
  return out;
}

/**
 * `key = value` pairs separated by commas from `from`: inside `WITH (…)` (to its `)`), or, `bare`, a
 * ClickHouse `SETTINGS` list to the statement's end. Keys are words, dotted words or strings.
 */
function properties(s: Token[], from: number, bare = false): Array<{ key: string; value: Token }> {
  const out: Array<{ key: string; value: Token }> = [];
  let j = from;
  while (j < s.length && !punct(s[j], ')')) {
    let key = '';
    while (j < s.length && !punct(s[j], '=') && !punct(s[j], ',') && !punct(s[j], ')')) key += s[j++].value;
    if (punct(s[j], '=') && s[j + 1]) {
      out.push({ key: key.trim(), value: s[j + 1] });
      j += 2;
    }
    while (j < s.length && !punct(s[j], ',') && !punct(s[j], ')')) j++;
    if (punct(s[j], ',')) j++;
    if (bare && punct(s[j], ')')) break;
  }
  return out;
}
