// Every classified ref is made here, with the same properties in the same order (an absent one is
// undefined), so that all refs share one object shape. Refs built with conditional spreads came in many
// shapes, which made every property read on them in the model, the plan and the rules megamorphic.
// With one shape, re-analysis at 1,000 services went p50 21.8 -> 20.3 ms, p95 31.9 -> 28.1 ms (median of
// 5 alternated runs). JSON output is unchanged (undefined properties are not written), and a spread of a
// ref that sets its properties keeps its shape.
import type { BrokerRef } from './repository';

export function classifiedRef(r: BrokerRef): BrokerRef {
  return {
    file: r.file,
    format: r.format,
    key: r.key,
    kind: r.kind,
    range: r.range,
    parts: r.parts,
    hosts: r.hosts,
    list: r.list,
    expression: r.expression,
    reads: r.reads,
    offset: r.offset,
    cluster: r.cluster,
    environment: r.environment,
    service: r.service,
    inferred: r.inferred,
    resolvesTo: r.resolvesTo,
    unresolved: r.unresolved,
    assembled: r.assembled,
  };
}
