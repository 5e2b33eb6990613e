// C# (`.cs`): Confluent.Kafka (.NET) producers, consumers and their configs, parsed with tree-sitter
// and read by jvm/csharp.ts. There is no lexer fallback: until the grammar is loaded
// (ensureCodeGrammarsReady()), or for a file too large to parse, the file is reported as not read.
import { emptyFacts, type FileFacts } from '../../model/types';
import type { ExtractOptions } from '../options';
import { readCSharp } from './jvm/csharp';
import { extractParsed } from './jvm/extract';
import { MAX_PARSED_CHARS } from './jvm/tree';

export function extractCSharp(file: string, text: string, opts: ExtractOptions): FileFacts {
  const parsed = extractParsed(file, text, opts, 'csharp', 'csharp', 'confluent-kafka-dotnet', readCSharp);
  if (parsed) return parsed;
  const facts = emptyFacts(file, 'csharp');
  const message =
    text.length > MAX_PARSED_CHARS
      ? `skipped: C# files over ${MAX_PARSED_CHARS / 1024 / 1024} MB are not parsed`
      : 'the C# parser is not loaded (ensureCodeGrammarsReady() was not awaited); this file was not read';
  facts.problems.push({ file, line: 1, column: 1, severity: text.length > MAX_PARSED_CHARS ? 'info' : 'warning', message });
  return facts;
}
