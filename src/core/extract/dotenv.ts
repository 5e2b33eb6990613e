// `.env*` files: KEY=value lines. Also used for env-style text embedded in other files
// (Nomad `template` data), through config/envLines.ts over a slice of the host file.
import { emptyFacts, type FileFacts } from '../model/types';
import type { ExtractOptions } from './options';
import { scanEnvLines } from './config/envLines';
import { LineIndex } from './text';

export function extractDotenv(file: string, text: string, opts: ExtractOptions): FileFacts {
  const facts = emptyFacts(file, 'dotenv');
  const index = new LineIndex(text);
  scanEnvLines(file, text, 0, text.length, index, opts, facts, 'config');
  return facts;
}
