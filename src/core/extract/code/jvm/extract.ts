// One parse-and-read of a Java, Kotlin or C# file: parse, record the first syntax error, let the
// language's reader walk the tree, free the tree. Undefined when the grammar is not loaded or the
// file is too large to parse, so the caller can fall back.
import type { Tree } from 'web-tree-sitter';
import type { FileFacts, FileFormat } from '../../../model/types';
import type { ExtractOptions } from '../../options';
import type { CodeLanguage } from '../grammars';
import { JvmRecorder } from './record';
import { fileContext, type FileContext } from './sites';
import { MAX_PARSED_CHARS, syntaxProblem, withTree } from './tree';

export type TreeReader = (tree: Tree, rec: JvmRecorder, ctx: FileContext) => void;

export function extractParsed(
  file: string,
  text: string,
  opts: ExtractOptions,
  lang: CodeLanguage,
  format: FileFormat,
  client: string,
  read: TreeReader,
): FileFacts | undefined {
  if (text.length > MAX_PARSED_CHARS) return undefined;
  return withTree(lang, text, (tree) => {
    const rec = new JvmRecorder(file, text, format, opts);
    const problem = syntaxProblem(file, tree, rec.index);
    if (problem) rec.facts.problems.push(problem);
    read(tree, rec, fileContext(text, client));
    return rec.finish();
  });
}
