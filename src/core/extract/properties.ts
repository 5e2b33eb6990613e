// Java `.properties`: `key=value`, `key: value`, `key value`, `#`/`!` comments, `\` line continuations.
// The syntax lives in config/propertiesLines.ts, shared with files that embed properties text.
import { emptyFacts, type FileFacts } from '../model/types';
import type { ExtractOptions } from './options';
import { ConfigRecorder } from './config/record';
import { scanProperties } from './config/propertiesLines';
import { LineIndex } from './text';

export function extractProperties(file: string, text: string, opts: ExtractOptions): FileFacts {
  const facts = emptyFacts(file, 'properties');
  const index = new LineIndex(text);
  scanProperties(new ConfigRecorder(file, text, index, opts, facts), 0, text.length);
  return facts;
}
