// INI-style files (`.ini`, `.cfg`, a `.conf` or `.config` that is neither HOCON nor XML): `[section]`
// headers, `key = value` / `key: value`, `;` and `#` comment lines. Keys are `section.key`, so
// `[kafka] bootstrap_servers = …` reads as `kafka.bootstrap_servers`. Values may be quoted.
import { emptyFacts, type FileFacts } from '../model/types';
import type { ExtractOptions } from './options';
import { ConfigRecorder } from './config/record';
import { LineIndex } from './text';
import { scanIni } from './config/iniLines';

export function extractIni(file: string, text: string, opts: ExtractOptions): FileFacts {
  const facts = emptyFacts(file, 'ini');
  scanIni(new ConfigRecorder(file, text, new LineIndex(text), opts, facts));
  return facts;
}
