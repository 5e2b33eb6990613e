// Java and Kotlin (`.java`, `.kt`, `.kts`): parsed with tree-sitter and read by jvm/java.ts and
// jvm/kotlin.ts. Until the grammars are loaded (ensureCodeGrammarsReady()), and for files too large to
// parse, the lexer-based reader (jvm/legacy.ts) reads them instead, so no caller gets less than before.
import type { FileFacts } from '../../model/types';
import type { ExtractOptions } from '../options';
import { extractJavaLexed } from './jvm/legacy';
import { readJava } from './jvm/java';
import { readKotlin } from './jvm/kotlin';
import { extractParsed } from './jvm/extract';

export function extractJava(file: string, text: string, opts: ExtractOptions): FileFacts {
  const kotlin = /\.kts?$/i.test(file);
  const parsed = kotlin
    ? extractParsed(file, text, opts, 'kotlin', 'kotlin', 'java', readKotlin)
    : extractParsed(file, text, opts, 'java', 'java', 'java', readJava);
  return parsed ?? extractJavaLexed(file, text, opts);
}
