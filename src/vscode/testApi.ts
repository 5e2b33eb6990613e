// What activate() returns: the live parts, so the in-host tests can assert on the tree and the sessions.
import type { guardDialog } from './cutover';
import type { CutoverCodeActionProvider } from './codeActions';
import type { Diagnostics } from './diagnostics';
import type { exportDialog } from './exportStatus';
import type { manifestOffer, Relevance } from './relevance';
import type { EngineClient, engineNotices } from './engine/client';
import type { Session } from './session';
import type { Sessions } from './sessions';
import type { CutoverStatusBar } from './statusBar';
import type { CutoverViews } from './views';
import type { openWalkthroughOnce } from './walkthrough';

export interface TestApi {
  readonly sessions: Sessions;
  readonly views: CutoverViews;
  readonly statusBar: CutoverStatusBar;
  readonly diagnostics: Diagnostics;
  /** Which folders were looked at for a Kafka client, and which stayed quiet. */
  readonly relevance: Relevance;
  readonly codeActions: CutoverCodeActionProvider;
  readonly openWalkthroughOnce: typeof openWalkthroughOnce;
  /** Settles when the first scan of every folder has finished (or failed). */
  readonly firstScan: Promise<void>;
  readonly activationMs: number;
  /** The migrate / roll back guard's modal: tests replace `ask` to see its buttons and answer it. */
  readonly guardDialog: typeof guardDialog;
  /** Export Status' save dialog: tests replace `ask` to see where it proposes to save. */
  readonly exportDialog: typeof exportDialog;
  /** The one-time offer to create a manifest where a Kafka client was found: tests replace `ask`. */
  readonly manifestOffer: typeof manifestOffer;
  /** The engine worker every session talks to: tests crash it (kill) and watch it restart. */
  readonly engine: EngineClient;
  /** The engine's crash messages: tests replace them to see and answer them. */
  readonly engineNotices: typeof engineNotices;
  /** A second engine worker (disposed by the caller), to measure a scan of a tree outside the workspace. */
  newEngine(): EngineClient;
  /** A session on a folder outside the workspace (not in the views), publishing its diagnostics; dispose it. */
  openSession(dir: string, engine?: EngineClient): Session;
}
