// Builds broker refs for rewrite tests from text pieces, the way an extractor would (LineIndex + scalarRef /
// listRef), so tests don't depend on the real extractors.
import type { BrokerRefText, EnvironmentConfig, TextEdit } from '../../../src/core/model/types';
import { LineIndex, listRef, scalarRef } from '../../../src/core/extract/text';

export type Piece = string | { item: string };

export interface Built {
  text: string;
  ref: BrokerRefText;
}

/** Concatenates pieces; `{ item }` pieces are the scalars of the ref (one = scalar ref, several = list ref). */
export function build(pieces: Piece[], file = 'svc/.env'): Built {
  let text = '';
  const items: Array<{ text: string; offset: number }> = [];
  for (const p of pieces) {
    if (typeof p === 'string') text += p;
    else {
      items.push({ text: p.item, offset: text.length });
      text += p.item;
    }
  }
  const index = new LineIndex(text);
  const ref =
    items.length === 1
      ? scalarRef(file, 'dotenv', 'config', 'KAFKA_BROKERS', items[0].text, items[0].offset, index, { keyed: true })
      : listRef(file, 'yaml', 'config', 'brokers', items, index, { keyed: true });
  if (!ref) throw new Error(`not a broker ref: ${JSON.stringify(items)}`);
  return { text, ref };
}

/** The pieces after edits that fall inside items (throws if an edit leaves its item). */
export function editPieces(pieces: Piece[], edits: TextEdit[]): Piece[] {
  let offset = 0;
  const remaining = [...edits];
  const out = pieces.map((p) => {
    const text = typeof p === 'string' ? p : p.item;
    const start = offset;
    offset += text.length;
    if (typeof p === 'string') return p;
    const mine = remaining.filter((e) => e.offset >= start && e.offset + e.length <= start + text.length);
    let item = text;
    for (const e of [...mine].sort((a, b) => b.offset - a.offset)) {
      item = item.slice(0, e.offset - start) + e.newText + item.slice(e.offset - start + e.length);
    }
    for (const e of mine) remaining.splice(remaining.indexOf(e), 1);
    return { item };
  });
  if (remaining.length > 0) throw new Error(`edits outside the ref's items: ${JSON.stringify(remaining)}`);
  return out;
}

export function env(source: string[], target: string[], auth?: EnvironmentConfig['target']['auth']): EnvironmentConfig {
  return { name: 'prod', source: { brokers: source }, target: { brokers: target, auth } };
}
