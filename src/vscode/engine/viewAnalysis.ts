// The analysis as the host keeps it: everything the views read, without the facts and texts (those stay in
// the worker). Sent in parts no bigger than a slice, so decoding never holds the host's event loop for
// long; put back together on the host into the shape every view helper of src/core reads.
import { type Analysis, emptyFacts, type FileFacts, type Model } from '../../core';
import type { GroupFacts, ViewPart } from './protocol';

/** Array items per message: a slice of broker refs or findings decodes in a few milliseconds. */
export const SLICE = 200;

/** Splits an analysis into parts (worker side). */
export function* viewParts(analysis: Analysis): Generator<ViewPart> {
  const { model, plan, findings } = analysis;
  for (const [key, value] of Object.entries(model) as Array<[keyof Model, unknown]>) {
    if (key === 'facts' || key === 'refsByService') continue;
    yield* valueParts(['model', key], value);
  }
  const groups: GroupFacts[] = [];
  for (const f of model.facts.values()) if (f.groups.length) groups.push({ file: f.file, format: f.format, groups: f.groups });
  yield* valueParts(['groups'], groups);
  yield { path: ['plan', 'wave'], value: plan.wave };
  yield { path: ['plan', 'order'], value: plan.order };
  yield { path: ['plan', 'cycles'], value: plan.cycles };
  yield { path: ['plan', 'verdicts'], value: plan.verdicts };
  yield { path: ['plan', 'readiness'], value: {} };
  for (const [env, byService] of Object.entries(plan.readiness)) {
    const entries = Object.entries(byService);
    for (let i = 0; i < entries.length; i += SLICE) yield { path: ['plan', 'readiness', env], items: entries.slice(i, i + SLICE) };
    if (!entries.length) yield { path: ['plan', 'readiness', env], items: [] };
  }
  yield* valueParts(['findings'], findings);
}

function* valueParts(path: string[], value: unknown): Generator<ViewPart> {
  if (!Array.isArray(value)) {
    yield { path, value };
    return;
  }
  if (!value.length) yield { path, items: [] };
  for (let i = 0; i < value.length; i += SLICE) yield { path, items: value.slice(i, i + SLICE) };
}

/** Collects parts (host side) and builds the analysis when the reply arrives. */
export class ViewAssembler {
  // The parts' paths index an object whose shape only the finished Analysis has: built untyped, checked by its tests.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private readonly root: Record<string, any> = { model: {}, plan: {} };

  add(part: ViewPart): void {
    const [head, ...rest] = part.path;
    if (head === 'plan' && rest[0] === 'readiness' && rest.length === 2) {
      const byService = (this.root.plan.readiness[rest[1]!] ??= {});
      for (const [name, r] of part.items as Array<[string, unknown]>) byService[name] = r;
      return;
    }
    let at = this.root;
    const keys = [head!, ...rest];
    for (const key of keys.slice(0, -1)) at = at[key] ??= {};
    const last = keys[keys.length - 1]!;
    if (part.items) (at[last] ??= []).push(...part.items);
    else at[last] = part.value;
  }

  build(): Analysis {
    const model = this.root.model as Model;
    const facts = new Map<string, FileFacts>();
    // Only the groups travel: live checks point a finding at the group id's place.
    for (const g of (this.root.groups ?? []) as GroupFacts[]) facts.set(g.file, { ...emptyFacts(g.file, g.format), groups: g.groups });
    const refsByService = new Map<string, Model['brokerRefs']>();
    for (const r of model.brokerRefs ?? []) {
      if (!r.service) continue;
      const list = refsByService.get(r.service);
      if (list) list.push(r);
      else refsByService.set(r.service, [r]);
    }
    return { model: { ...model, facts, refsByService }, plan: this.root.plan, findings: this.root.findings ?? [] };
  }
}
