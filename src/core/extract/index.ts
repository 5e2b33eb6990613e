// Picks the extractor for a file by its name and runs it. Every extractor has the same shape:
// (file, text, options) -> FileFacts, and never throws on bad input.
import * as path from 'node:path';
import { emptyFacts, type FileFacts, type FileFormat } from '../model/types';
import type { ExtractOptions } from './options';
import { extractDotenv } from './dotenv';
import { extractProperties } from './properties';
import { extractYaml } from './yaml';
import { extractJson } from './json';
import { extractHcl } from './hcl';
import { extractTypeScript } from './code/typescript';
import { extractGo } from './code/go';
import { extractPython } from './code/python';
import { extractJava } from './code/java';
import { extractCSharp } from './code/csharp';
import { extractShell } from './shell';

export type { ExtractOptions } from './options';
export { ensureHclReady } from './hcl';
export { ensureCodeGrammarsReady } from './code/grammars';

type Extractor = (file: string, text: string, opts: ExtractOptions) => FileFacts;

const BY_FORMAT: Record<FileFormat, Extractor | undefined> = {
  dotenv: extractDotenv,
  properties: extractProperties,
  yaml: extractYaml,
  json: extractJson,
  hcl: extractHcl,
  typescript: extractTypeScript,
  go: extractGo,
  python: extractPython,
  java: extractJava,
  kotlin: extractJava,
  csharp: extractCSharp,
  shell: extractShell,
  other: undefined,
};

/** The format of a file by its name, or undefined when no extractor reads it. */
export function formatOf(file: string): FileFormat | undefined {
  const base = path.posix.basename(file).toLowerCase();
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env')) return 'dotenv';
  const ext = path.posix.extname(base);
  switch (ext) {
    case '.properties':
      return 'properties';
    case '.yml':
    case '.yaml':
      return 'yaml';
    case '.json':
      return base === 'package-lock.json' || base === 'tsconfig.json' ? undefined : 'json';
    case '.tf':
    case '.tfvars':
    case '.hcl':
    case '.nomad':
      return 'hcl';
    case '.ts':
    case '.tsx':
    case '.js':
    case '.jsx':
    case '.mjs':
    case '.cjs':
      return base.endsWith('.d.ts') || base.endsWith('.min.js') ? undefined : 'typescript';
    case '.go':
      return 'go';
    case '.py':
      return 'python';
    case '.java':
      return 'java';
    case '.kt':
    case '.kts':
      return 'kotlin';
    case '.cs':
      return 'csharp';
    case '.sh':
    case '.bash':
      return 'shell';
  }
  if (base === 'dockerfile' || base === 'makefile' || base === 'procfile') return 'shell';
  return undefined;
}

export function extractFile(file: string, text: string, opts: ExtractOptions = {}): FileFacts {
  const format = formatOf(file) ?? 'other';
  const extractor = BY_FORMAT[format];
  if (!extractor) return emptyFacts(file, format);
  try {
    return extractor(file, text, opts);
  } catch (err) {
    // An extractor bug must not stop a scan of 20k files: report it at the file and go on.
    const facts = emptyFacts(file, format);
    facts.problems.push({
      file,
      line: 1,
      column: 1,
      severity: 'warning',
      message: `could not read this ${format} file: ${(err as Error).message}`,
    });
    return facts;
  }
}
