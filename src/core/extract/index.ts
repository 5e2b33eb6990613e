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

// What a file is read as, by its (lower-cased) extension or whole name. One table for formatOf and for the
// editor's file watcher (watchedFileGlob), so the watcher sees exactly the files the readers read.
const FORMAT_BY_EXTENSION: Readonly<Record<string, FileFormat>> = {
  '.properties': 'properties',
  '.yml': 'yaml',
  '.yaml': 'yaml',
  '.json': 'json',
  '.tf': 'hcl',
  '.tfvars': 'hcl',
  '.hcl': 'hcl',
  '.nomad': 'hcl',
  '.ts': 'typescript',
  '.tsx': 'typescript',
  '.js': 'typescript',
  '.jsx': 'typescript',
  '.mjs': 'typescript',
  '.cjs': 'typescript',
  '.go': 'go',
  '.py': 'python',
  '.java': 'java',
  '.kt': 'kotlin',
  '.kts': 'kotlin',
  '.cs': 'csharp',
  '.sh': 'shell',
  '.bash': 'shell',
  '.sql': 'sql',
  '.ksql': 'sql',
  '.toml': 'toml',
  '.ini': 'ini',
  '.cfg': 'ini',
  // HOCON reads flat `key = value` too, and hands `[section]` files to the INI reader.
  '.conf': 'hocon',
  '.hocon': 'hocon',
  // `.config` is .NET's app.config/web.config; Maven's pom.xml and Spring bean files are `.xml`.
  '.xml': 'xml',
  '.config': 'xml',
  // CI and task runners whose steps are shell lines: their `sh '…'` / recipe lines hold the same commands.
  '.jenkinsfile': 'shell',
  '.mk': 'shell',
};
const FORMAT_BY_NAME: Readonly<Record<string, FileFormat>> = {
  dockerfile: 'shell',
  makefile: 'shell',
  procfile: 'shell',
  jenkinsfile: 'shell',
  justfile: 'shell',
  gnumakefile: 'shell',
};
/** Names with a known extension that are never read: tool files, type declarations, minified bundles. */
const NOT_READ = /^(package-lock|tsconfig)\.json$|\.d\.ts$|\.min\.js$/;

/** The format of a file by its name, or undefined when no extractor reads it. */
export function formatOf(file: string): FileFormat | undefined {
  const base = path.posix.basename(file).toLowerCase();
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env')) return 'dotenv';
  const byExtension = FORMAT_BY_EXTENSION[path.posix.extname(base)];
  if (byExtension) return NOT_READ.test(base) ? undefined : byExtension;
  return FORMAT_BY_NAME[base];
}

/**
 * Glob alternatives (no `**` prefix) matching every name formatOf reads, case-insensitively as formatOf
 * does; a few it then refuses (NOT_READ) match too, and are refused when read.
 */
export function formatNamePatterns(): string[] {
  const dotenv = ['.env', '.env.*', '*.env'];
  const extensions = Object.keys(FORMAT_BY_EXTENSION).map((ext) => `*${anyCase(ext)}`);
  const names = Object.keys(FORMAT_BY_NAME).map(anyCase);
  return [...dotenv.map(anyCase), ...extensions, ...names];
}

/** `[dD][oO]…`: a glob that matches the name in any case (VS Code's and picomatch's globs are case-sensitive). */
export function anyCase(name: string): string {
  return [...name].map((c) => (c.toLowerCase() === c.toUpperCase() ? c : `[${c.toLowerCase()}${c.toUpperCase()}]`)).join('');
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
