// Writes l10n/bundle.l10n.json, the English bundle of every `l10n.t('…')` message in src/vscode, read with
// the TypeScript parser (so quotes, escapes and template literals come out exactly as the runtime sees them).
// VS Code looks a message up by its English text, so the English bundle maps each message to itself; a
// translation (l10n/bundle.l10n.<locale>.json) maps some of them to its own text.
//
//   node scripts/vscode/l10n-export.mjs           write the English bundle
//   node scripts/vscode/l10n-export.mjs --check   fail if the bundle is stale, or a translation has a
//                                                 message the code no longer uses or other placeholders
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const sourceDir = path.join(root, 'src', 'vscode');
const bundleDir = path.join(root, 'l10n');
const englishBundle = path.join(bundleDir, 'bundle.l10n.json');

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
  for (const name of readdirSync(bundleDir).filter((n) => /^bundle\.l10n\.[\w-]+\.json$/.test(n))) {
    const translation = JSON.parse(readFileSync(path.join(bundleDir, name), 'utf8'));
    for (const [message, translated] of Object.entries(translation)) {
      if (!messages.has(message)) errors.push(`l10n/${name}: "${message}" is not used in the code any more`);
      else if (placeholders(message) !== placeholders(translated))
        errors.push(`l10n/${name}: "${translated}" has other placeholders than "${message}"`);
    }
  }
} else if (!errors.length) {
  writeFileSync(englishBundle, written);
  console.log(`${path.relative(root, englishBundle)}: ${messages.size} messages from ${files.length} files`);
}
if (errors.length) {
  for (const error of errors) console.error(error);
  process.exit(1);
}
