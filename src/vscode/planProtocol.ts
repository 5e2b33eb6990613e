// The messages between the plan panel (extension host) and its webview script. Plain data both ways:
// the host sends the plan graph and every string the page shows (already localised); the page answers
// with what the user asked for and, once laid out, the positions it drew (tests read them).
// Shared with the page script (a browser bundle): only the pure drawing modules, never the engine's index.
import type { Verdict } from '../core/model/readiness';
import type { PlanGraph } from '../core/view/planGraph';

export interface PlanStrings {
  title: string;
  empty: string;
  laying: string;
  layoutFailed: string;
  filter: string;
  matches: string;
  zoomIn: string;
  zoomOut: string;
  fit: string;
  showAll: string;
  neighbourhoodOf: string;
  legend: string;
  cycle: string;
  selfLoop: string;
  summary: string;
  hint: string;
  verdicts: Record<Verdict, string>;
  waves: Record<number, string>;
}

export type HostMessage =
  | { type: 'graph'; graph: PlanGraph | undefined; strings: PlanStrings }
  /** Draw only this service and its neighbours (from the context menu). */
  | { type: 'focus'; service: string };

export interface LaidOutSummary {
  nodes: Array<{ id: string; x: number; y: number; width: number; height: number }>;
  edges: Array<{ id: string; label: string }>;
  /** Milliseconds ELK took, in the webview's worker. */
  ms: number;
  /** The service whose neighbourhood is drawn, when not the whole plan. */
  focus?: string;
}

export type PageMessage =
  | { type: 'ready' }
  | { type: 'open'; service: string }
  | ({ type: 'laidOut' } & LaidOutSummary)
  | { type: 'layoutFailed'; message: string };
