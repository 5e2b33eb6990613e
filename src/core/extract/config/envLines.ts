// `KEY=value` lines, the shape of `.env` files and of env-style text other files embed (Nomad `template`
// data, a ConfigMap's `.env` key): shared by the dotenv, HCL and YAML/JSON readers.
import type { FileFacts } from '../../model/types';
import type { ExtractOptions } from '../options';
import { ConfigRecorder } from './record';
import type { LineIndex } from '../text';

const LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*(.*)$/;

/**
 * Scans `KEY=value` lines of text[start, end) and appends settings, broker refs, keyed topic uses,
 * offset resets and consumer groups to `facts`. Quoted values ("..." or '...') give their content; unquoted values end at ` #` (a comment).
 */
export function scanEnvLines(
  file: string,
  text: string,
  start: number,
  end: number,
  index: LineIndex,
  opts: ExtractOptions,
  facts: FileFacts,
  kind: 'config' | 'command' = 'config',
): void {
  // The recorder also finds offset resets and consumer groups (`KAFKA_AUTO_OFFSET_RESET`, `KAFKA_GROUP_ID`).
  const recorder = new ConfigRecorder(file, text, index, opts, facts);
  let lineStart = start;
  while (lineStart < end) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const raw = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    const m = LINE.exec(raw);
    if (m) {
      const key = m[1];
      let value = m[2];
      let valueStart = lineStart + raw.length - value.length;
      const quote = value[0];
      if ((quote === '"' || quote === "'") && value.indexOf(quote, 1) > 0) {
        value = value.slice(1, value.indexOf(quote, 1));
        valueStart += 1;
      } else {
        const hash = value.search(/\s#/);
        if (hash >= 0) value = value.slice(0, hash);
        value = value.replace(/\s+$/, '');
      }
      recorder.scalar(key, value, valueStart, value.length, kind);
    }
    lineStart = lineEnd + 1;
  }
}
