import { emptyFacts, type FileFacts } from '../model/types';
import type { ExtractOptions } from './options';

// PLACEHOLDER until this extractor is written (owned by a parallel task).
export async function ensureHclReady(): Promise<void> {}
export function extractHcl(file: string, _text: string, _opts: ExtractOptions): FileFacts {
  return emptyFacts(file, 'hcl');
}
