// Writes l10n/bundle.l10n.json, the English bundle of every `l10n.t('…')` message in src/vscode, read with
// the TypeScript parser (so quotes, escapes and template literals come out exactly as the runtime sees them).
// VS Code looks a message up by its English text, so the English bundle maps each message to itself; a
// translation (l10n/bundle.l10n.<locale>.json) maps some of them to its own text.
//
// package.json's own strings work the same way, by key: package.nls.json (English) and package.nls.<locale>.json.
//
//   node scripts/vscode/l10n-export.mjs           write the English bundle
//   node scripts/vscode/l10n-export.mjs --check   fail if the bundle is stale, or a translation (German is
//                                                 required) misses a message or key, has one the code or
//                                                 package.nls.json no longer has, or other placeholders
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const sourceDir = path.join(root, 'src', 'vscode');
const bundleDir = path.join(root, 'l10n');
const englishBundle = path.join(bundleDir, 'bundle.l10n.json');
const englishNls = path.join(root, 'package.nls.json');
// VS Code falls back to English per string, so a gap shows as a half-translated UI: every translation must be
// complete, and the German one must exist (the project ships it and its UI check reads it).
const requiredLocales = ['de'];

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** `vscode.l10n.t(...)` or `l10n.t(...)` after `import { l10n } from 'vscode'`. */
function isL10nCall(node) {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
  const callee = node.expression;
  if (callee.name.text !== 't') return false;
  const owner = callee.expression;
  return (ts.isIdentifier(owner) && owner.text === 'l10n') || (ts.isPropertyAccessExpression(owner) && owner.name.text === 'l10n');
}

/** Messages of one file, with where each is used; a message that is not a literal is an error. */
function messagesOf(file) {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found = [];
  const errors = [];
  const visit = (node) => {
    if (isL10nCall(node)) {
      const first = node.arguments[0];
      const at = `${path.relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) found.push({ message: first.text, at });
      else errors.push(`${at}: l10n.t needs a literal message (use {0} placeholders), found ${first ? first.getText() : 'nothing'}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { found, errors };
}

function placeholders(message) {
  return [...new Set(message.match(/\{\d+\}/g) ?? [])].sort().join(',');
}

/** The parsed JSON of a file, or undefined with the reason in `errors`. */
function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    errors.push(`${path.relative(root, file)}: ${error.code === 'ENOENT' ? 'is missing' : `not valid JSON: ${error.message}`}`);
    return undefined;
  }
}

/** A package.nls value may be a string or `{ message, comment }`; a bundle value may be either too. */
function textOf(value) {
  return typeof value === 'string' ? value : value && typeof value === 'object' ? value.message : undefined;
}

/**
 * One translation against its English: `english` maps each key (a message, or a package.nls key) to its
 * English text and a hint where it comes from. Every key needs a non-empty translation with the same
 * placeholders, and the translation has no key the English lacks.
 */
function checkTranslation(name, english, unusedReason) {
  const translation = readJson(path.join(root, name));
  if (translation === undefined) return;
  if (!translation || typeof translation !== 'object' || Array.isArray(translation)) {
    errors.push(`${name}: not a JSON object of translations`);
    return;
  }
  for (const [key, value] of Object.entries(translation)) {
    const source = english.get(key);
    const translated = textOf(value);
    if (!source) errors.push(`${name}: "${key}" ${unusedReason}`);
    else if (typeof translated !== 'string' || !translated.trim()) errors.push(`${name}: "${key}" has an empty translation`);
    else if (placeholders(source.text) !== placeholders(translated))
      errors.push(`${name}: "${translated}" has other placeholders than "${source.text}"`);
  }
  for (const [key, { hint }] of english) if (!Object.hasOwn(translation, key)) errors.push(`${name}: no translation of "${key}" (${hint})`);
}

const files = sourceFiles(sourceDir).sort();
const errors = [];
const messages = new Map();
for (const file of files) {
  const result = messagesOf(file);
  errors.push(...result.errors);
  for (const { message, at } of result.found) if (!messages.has(message)) messages.set(message, at);
}
const bundle = Object.fromEntries([...messages.keys()].sort().map((message) => [message, message]));
const written = `${JSON.stringify(bundle, null, 2)}\n`;

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(englishBundle, 'utf8');
  } catch {
    errors.push(`${path.relative(root, englishBundle)} is missing`);
  }
  if (current && current !== written)
    errors.push(`${path.relative(root, englishBundle)} is stale: run node scripts/vscode/l10n-export.mjs`);
  const bundles = readdirSync(bundleDir).filter((n) => /^bundle\.l10n\.[\w-]+\.json$/.test(n));
  const nlsFiles = readdirSync(root).filter((n) => /^package\.nls\.[\w-]+\.json$/.test(n));
  for (const locale of requiredLocales) {
    if (!bundles.includes(`bundle.l10n.${locale}.json`)) errors.push(`l10n/bundle.l10n.${locale}.json is missing`);
    if (!nlsFiles.includes(`package.nls.${locale}.json`)) errors.push(`package.nls.${locale}.json is missing`);
  }
  // Messages are looked up by their English text: the English of a message is its key.
  const english = new Map([...messages].map(([message, at]) => [message, { text: message, hint: at }]));
  for (const name of bundles) checkTranslation(`l10n/${name}`, english, 'is not used in the code any more');
  const nls = readJson(englishNls);
  if (nls) {
    const keys = new Map(
      Object.entries(nls).map(([key, value]) => [key, { text: textOf(value) ?? '', hint: JSON.stringify(textOf(value) ?? '') }]),
    );
    for (const name of nlsFiles) checkTranslation(name, keys, 'is not in package.nls.json any more');
  }
} else if (!errors.length) {
  writeFileSync(englishBundle, written);
  console.log(`${path.relative(root, englishBundle)}: ${messages.size} messages from ${files.length} files`);
}
if (errors.length) {
  for (const error of errors) console.error(error);
  process.exit(1);
}
