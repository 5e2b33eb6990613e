// What one config key/value means, whatever the file format: a setting, maybe a connection string,
// a topic the key says is read or written, a consumer's offset reset, a consumer group.
// The format extractors find keys and values with exact offsets; this module decides what they are.
import type { FileFacts, TopicDirection, TopicUse } from '../../model/types';
import type { ExtractOptions } from '../options';
import { securityHintOfSetting } from '../security';
import { type LineIndex, isBrokerKey, listRef, placeholderDefault, scalarRef, topicDirectionOfKey } from '../text';
import { indirectRef } from './indirect';

/** A piece of a value that is written verbatim in the file at `offset`. */
export interface ValuePart {
  text: string;
  offset: number;
}

const SPRING_BINDING_DESTINATION = /^spring\.cloud\.stream\.bindings\.([^.]+)\.destination$/i;
const SPRING_BINDING_SUFFIX = /-(in|out)-\d+$/i;
const OFFSET_RESET_KEY =
  /(?:^|[._-])auto[._-]offset[._-]reset$|autooffsetreset$|^spring\.cloud\.stream\.kafka\.(?:streams\.)?bindings\.[^.]+\.consumer\.start-?offset$/i;
const GROUP_KEY =
  /(?:^|[._-])group[._-]?id$|^groupid$|(?:^|[._-])consumer[._-]?group(?:[._-]?(?:id|name))?$|^spring\.cloud\.stream\.bindings\.[^.]+\.group$/i;
// Cloud resources also have "group ids"; they are not Kafka consumer groups.
const NOT_A_CONSUMER_GROUP = /(?:security|resource|log|placement|user|node|target|subnet|parameter|auto[._-]?scaling)[._-]?group/i;
const TOPIC_NAME = /^[A-Za-z0-9._-]+$/;
const NOT_A_TOPIC = /^(?:\d+|true|false|null|none)$/i;
const EARLIEST = /^(?:earliest|smallest|beginning)$/i;
const LATEST = /^(?:latest|largest|end)$/i;

const BARE_PLACEHOLDER = /^\$\{([A-Za-z0-9_.-]+)\}$/;

/** `${name}` or `${name:default}` as an indirection; placeholderDefault alone needs the `:`. */
function placeholderVia(value: string): TopicUse['via'] | undefined {
  const ph = placeholderDefault(value);
  if (ph) return ph.fallback ? { kind: 'placeholder', name: ph.name, fallback: ph.fallback } : { kind: 'placeholder', name: ph.name };
  const bare = BARE_PLACEHOLDER.exec(value.trim());
  return bare ? { kind: 'placeholder', name: bare[1] } : undefined;
}

function clientOfKey(key: string): string {
  return /^spring[._]/i.test(key) ? 'spring' : 'config';
}

/** Records key/values into one file's facts. One per file (or per embedded document). */
export class ConfigRecorder {
  constructor(
    readonly file: string,
    readonly text: string,
    readonly index: LineIndex,
    readonly opts: ExtractOptions,
    readonly facts: FileFacts,
  ) {}

  /**
   * A scalar value. `offset`/`length` locate the value in the file; when the file text there is not the
   * value itself (escapes, folded lines), only the setting and facts without edits are recorded.
   */
  scalar(key: string, value: string, offset: number, length: number = value.length, kind: 'config' | 'command' = 'config'): void {
    const { file, index, facts } = this;
    const exact = length === value.length && this.text.startsWith(value, offset);
    const range = index.range(offset, length);
    facts.settings.push(exact ? { file, key, value, range, offset } : { file, key, value, range });
    let isRef = this.indirect(key, value, offset, length);
    if (exact) {
      const ph = placeholderDefault(value);
      const ref = ph
        ? scalarRef(file, facts.format, kind, key, ph.fallback, offset + ph.fallbackStart, index, this.opts)
        : scalarRef(file, facts.format, kind, key, value, offset, index, this.opts);
      if (ref) {
        // `${X:-kafka:9092}`: the default is a literal of its own, beside the indirect ref that reads X.
        facts.brokerRefs.push(ref);
        isRef = true;
      }
    }
    if (!isRef) this.topics(key, value, offset, exact ? undefined : range);
    const hint = isRef ? undefined : securityHintOfSetting(file, key, value, exact ? offset : undefined, range, clientOfKey(key));
    if (hint) facts.security.push(hint);
    this.offsetReset(key, value, offset, exact);
    this.group(key, value, exact ? offset : undefined, range);
  }

  /**
   * A client connection setting whose value reads other values (`$BROKERS`, `{{ .Values.kafka }}`):
   * an `indirect` ref. True when one was recorded.
   */
  indirect(key: string | undefined, value: string, offset: number, length: number = value.length): boolean {
    if (!isBrokerKey(key)) return false;
    const ref = indirectRef(this.file, this.facts.format, key, value, offset, length, this.index);
    if (ref) this.facts.brokerRefs.push(ref);
    return !!ref;
  }

  /** A value written as several verbatim parts: a YAML/JSON sequence, a continued properties line. */
  list(key: string, parts: ValuePart[], kind: 'config' | 'command' = 'config', settingValue?: string): void {
    if (parts.length === 0) return;
    const { file, index, facts } = this;
    const first = parts[0];
    const last = parts[parts.length - 1];
    const range = { start: index.position(first.offset), end: index.position(last.offset + last.text.length) };
    facts.settings.push({ file, key, value: settingValue ?? parts.map((p) => p.text).join(','), range });
    const ref = listRef(file, facts.format, kind, key, parts, index, this.opts);
    if (ref) {
      facts.brokerRefs.push(ref);
      return;
    }
    const direction = topicDirectionOfKey(key);
    if (!direction) return;
    for (const part of parts) this.literalTopic(direction, part.text, part.offset);
  }

  /** A key with no value (`- KAFKA_ADDR` in a compose list): a setting, ranged on the name. */
  valueless(key: string, nameOffset: number): void {
    this.facts.settings.push({ file: this.file, key, value: '', range: this.index.range(nameOffset, key.length) });
  }

  private topics(key: string, value: string, offset: number, inexactRange: TopicUse['range'] | undefined): void {
    const binding = SPRING_BINDING_DESTINATION.exec(key);
    let direction: TopicDirection | undefined;
    let client = 'config';
    if (binding) {
      client = 'spring';
      const suffix = SPRING_BINDING_SUFFIX.exec(binding[1]);
      direction = suffix ? (suffix[1].toLowerCase() === 'in' ? 'consume' : 'produce') : topicDirectionOfKey(binding[1] + '.topic');
    } else {
      direction = topicDirectionOfKey(key);
    }
    if (!direction) return;
    const { file, index, facts } = this;
    const via = placeholderVia(value);
    if (via) {
      facts.topicUses.push({ file, direction, via, client, range: inexactRange ?? index.range(offset, value.length) });
      return;
    }
    if (inexactRange) {
      const name = value.trim();
      if (TOPIC_NAME.test(name) && !NOT_A_TOPIC.test(name))
        facts.topicUses.push({ file, direction, topic: name, client, range: inexactRange });
      return;
    }
    // A binding may name several topics: `destination: orders,refunds`.
    const names = binding ? value.split(',') : [value];
    let at = offset;
    for (const raw of names) {
      const lead = raw.length - raw.trimStart().length;
      this.literalTopic(direction, raw.trim(), at + lead, client);
      at += raw.length + 1;
    }
  }

  private literalTopic(direction: TopicDirection, name: string, offset: number, client = 'config'): void {
    if (!TOPIC_NAME.test(name) || NOT_A_TOPIC.test(name)) return;
    this.facts.topicUses.push({ file: this.file, direction, topic: name, client, range: this.index.range(offset, name.length) });
  }

  private offsetReset(key: string, value: string, offset: number, exact: boolean): void {
    if (!OFFSET_RESET_KEY.test(key)) return;
    const { file, index, facts } = this;
    const client = clientOfKey(key);
    const ph = placeholderDefault(value);
    let text = value;
    let at = offset;
    if (BARE_PLACEHOLDER.test(value.trim()) || (ph && !ph.fallback)) {
      facts.offsetResets.push({ file, client, value: 'unknown', explicit: true, range: index.range(offset, value.length) });
      return;
    }
    if (ph) {
      // `${OFFSET_RESET:latest}`: the default decides unless the variable is set; fix the default.
      text = ph.fallback;
      at = offset + ph.fallbackStart;
    }
    const resolved = EARLIEST.test(text) ? 'earliest' : LATEST.test(text) ? 'latest' : 'unknown';
    const range = index.range(at, text.length);
    const fix = exact && resolved !== 'earliest' ? index.edit(file, at, text.length, 'earliest') : undefined;
    facts.offsetResets.push(
      fix ? { file, client, value: resolved, explicit: true, range, fix } : { file, client, value: resolved, explicit: true, range },
    );
  }

  private group(key: string, value: string, offset: number | undefined, range: TopicUse['range']): void {
    if (!GROUP_KEY.test(key) || NOT_A_CONSUMER_GROUP.test(key) || !value.trim()) return;
    const { file, facts, index } = this;
    const client = clientOfKey(key);
    const via = placeholderVia(value);
    if (via) {
      facts.groups.push({ file, via, client, range });
      return;
    }
    const name = value.trim();
    const lead = value.length - value.trimStart().length;
    facts.groups.push({ file, group: name, client, range: offset === undefined ? range : index.range(offset + lead, name.length) });
  }
}
