import { emptyFacts, type FileFacts } from '../model/types';
import type { ExtractOptions } from './options';

// PLACEHOLDER until this extractor is written (owned by a parallel task).
export function extractProperties(file: string, _text: string, _opts: ExtractOptions): FileFacts {
  return emptyFacts(file, 'properties' as FileFacts['format']);
}
