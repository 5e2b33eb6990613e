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
import { extractSql } from './sql';
import { extractToml } from './toml';
import { extractIni } from './ini';
import { extractHocon } from './hocon';
import { extractXml } from './xml';
import { mayHoldConnector, readConnectors } from './connect';
import { mayHoldMirror, readMirrors } from './mirror';

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
  sql: extractSql,
  toml: extractToml,
  ini: extractIni,
  hocon: extractHocon,
  xml: extractXml,
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
    case '.sql':
    case '.ksql':
      return 'sql';
    case '.toml':
      return 'toml';
    case '.ini':
    case '.cfg':
      return 'ini';
    case '.conf':
    case '.hocon':
      // HOCON reads flat `key = value` too, and hands `[section]` files to the INI reader.
      return 'hocon';
    case '.xml':
    case '.config':
      // `.config` is .NET's app.config/web.config; Maven's pom.xml and Spring bean files are `.xml`.
      return 'xml';
  }
  if (base === 'dockerfile' || base === 'makefile' || base === 'procfile') return 'shell';
  // CI and task runners whose steps are shell lines: their `sh '…'` / recipe lines hold the same commands.
  if (base === 'jenkinsfile' || base.endsWith('.jenkinsfile') || base === 'justfile' || base === 'gnumakefile' || ext === '.mk') return 'shell';
  return undefined;
}

// Formats whose settings can hold a Connect connector or a MirrorMaker 2 config.
const CONSTRUCT_FORMATS = new Set<FileFormat>(['properties', 'yaml', 'json', 'hcl', 'ini', 'hocon']);

/** Constructs read from the settings any config format recorded: connectors, MirrorMaker 2. */
function readConstructs(facts: FileFacts, text: string): FileFacts {
  if (!CONSTRUCT_FORMATS.has(facts.format) || !facts.settings.length) return facts;
  if (mayHoldConnector(text)) readConnectors(facts, text);
  if (mayHoldMirror(text)) readMirrors(facts, text);
  return facts;
}

export function extractFile(file: string, text: string, opts: ExtractOptions = {}): FileFacts {
  const format = formatOf(file) ?? 'other';
  const extractor = BY_FORMAT[format];
  if (!extractor) return emptyFacts(file, format);
  try {
    return readConstructs(extractor(file, text, opts), text);
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
