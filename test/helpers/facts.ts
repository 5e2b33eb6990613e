// Compact, exact renderings of extracted facts for assertions: `kind text line:col-line:col`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractFile } from '../../src/core/extract';
import type { FileFacts, Range } from '../../src/core/model/types';

export const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures');

export function span(r: Range): string {
  return `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;
}

/** Extracts a fixture under test/fixtures (the file name it is read as is its relative path there). */
export function fixtureFacts(rel: string): FileFacts {
  return extractFile(rel, fs.readFileSync(path.join(FIXTURES, rel), 'utf8'));
}

export function refLines(f: FileFacts): string[] {
  return f.brokerRefs.map((r) => `${r.kind} ${r.key ?? '-'} ${r.hosts.map((h) => `${h.host}:${h.port ?? ''}`).join(',')} ${span(r.range)}`);
}

export function useLines(f: FileFacts): string[] {
  return f.topicUses.map((u) => `${u.direction} ${u.topic}${u.pattern ? ' (pattern)' : ''} ${u.client} ${span(u.range)}`);
}

export function groupLines(f: FileFacts): string[] {
  return f.groups.map((g) => `${g.group} ${g.client} ${span(g.range)}`);
}

export function problemLines(f: FileFacts): string[] {
  return f.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`);
}
