// Where a cluster's broker is written in the manifest, for findings that belong on the manifest itself
// (the live connect check). Looked up in the YAML tree, so the same broker listed by two environments
// points at the right one.
import { isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Range } from '../model/common';

export function brokerRange(text: string, environment: string, side: 'source' | 'target', broker: string): Range | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const node = doc.getIn(['environments', environment, side, 'brokers'], true) as Node | undefined;
  const at = (offset: number, length: number): Range => {
    const start = lineCounter.linePos(offset);
    const end = lineCounter.linePos(offset + length);
    return { start: { line: start.line, column: start.col }, end: { line: end.line, column: end.col } };
  };
  // A scalar's range includes its quotes; search the broker within its source text.
  const within = (n: Node | undefined): Range | undefined => {
    if (!n?.range) return undefined;
    const i = text.slice(n.range[0], n.range[1]).indexOf(broker);
    return i < 0 ? undefined : at(n.range[0] + i, broker.length);
  };
  if (isSeq(node)) {
    for (const item of node.items) if (isScalar(item) && String(item.value).trim() === broker) return within(item as Node);
    return within(node.items[0] as Node | undefined);
  }
  return within(node);
}
