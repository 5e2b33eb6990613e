// Views after an edit, as a delta: an edit of one file changes a few parts of a 1,000-service view (its
// refs' slice, its findings' slice, the readiness of a service or two), yet decoding the whole view again
// costs the host's thread ~0.4 s of CPU per 10 MB. The worker digests each part it sends; a part whose
// bytes equal the same part of a view the host still holds is sent as a reference to it, and the host
// reuses the part it decoded then. The host names the view it holds (its base) in each request, so a
// request it dropped never leaves the two sides disagreeing; a base the worker no longer knows means a
// whole view.
import { createHash } from 'node:crypto';
import type { FolderKey, ViewPart } from './protocol';

/** Views per folder the worker keeps digests of: more than the requests a host has in flight in practice. */
const WORKER_KEEPS = 4;

export function partDigest(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64');
}

/** The worker's side: the digests of the parts of the last views it sent each folder. */
export class SentViews {
  private readonly byFolder = new Map<FolderKey, Array<{ view: number; digests: string[] }>>();
  private lastView = 0;

  /** A number for the next view, and the digests of `base` when it is still known. */
  begin(folder: FolderKey, base: number | undefined): { view: number; baseDigests?: readonly string[] } {
    const known = base === undefined ? undefined : this.byFolder.get(folder)?.find((v) => v.view === base);
    return { view: ++this.lastView, baseDigests: known?.digests };
  }

  remember(folder: FolderKey, view: number, digests: string[]): void {
    const views = this.byFolder.get(folder) ?? [];
    views.push({ view, digests });
    if (views.length > WORKER_KEEPS) views.shift();
    this.byFolder.set(folder, views);
  }

  forget(folder: FolderKey): void {
    this.byFolder.delete(folder);
  }
}

/**
 * The host's side: the decoded parts of each folder's latest view, and of any older one a request in
 * flight named as its base (pinned until it settles), so every reference the worker sends can be resolved.
 */
export class ReceivedViews {
  private readonly byFolder = new Map<FolderKey, Map<number, readonly ViewPart[]>>();
  private readonly latestOf = new Map<FolderKey, number>();
  private readonly pins = new Map<string, number>();

  /** The view to name as the base of a new request of `folder`, pinned until `unpin`. */
  pinLatest(folder: FolderKey): number | undefined {
    const view = this.latestOf.get(folder);
    if (view !== undefined) this.pins.set(pinKey(folder, view), (this.pins.get(pinKey(folder, view)) ?? 0) + 1);
    return view;
  }

  unpin(folder: FolderKey, view: number | undefined): void {
    if (view === undefined) return;
    const key = pinKey(folder, view);
    const count = (this.pins.get(key) ?? 0) - 1;
    if (count > 0) this.pins.set(key, count);
    else this.pins.delete(key);
    this.prune(folder);
  }

  part(folder: FolderKey, view: number, index: number): ViewPart | undefined {
    return this.byFolder.get(folder)?.get(view)?.[index];
  }

  /** A view assembled in full: the folder's latest from now on. */
  keep(folder: FolderKey, view: number, parts: readonly ViewPart[]): void {
    const views = this.byFolder.get(folder) ?? new Map<number, readonly ViewPart[]>();
    views.set(view, parts);
    this.byFolder.set(folder, views);
    if (view > (this.latestOf.get(folder) ?? 0)) this.latestOf.set(folder, view);
    this.prune(folder);
  }

  forget(folder: FolderKey): void {
    this.byFolder.delete(folder);
    this.latestOf.delete(folder);
  }

  /** A new worker knows none of the views: every folder starts from a whole one. */
  clear(): void {
    this.byFolder.clear();
    this.latestOf.clear();
  }

  /** Views held for `folder` (the tests' view of what is retained). */
  held(folder: FolderKey): number[] {
    return [...(this.byFolder.get(folder)?.keys() ?? [])].sort((a, b) => a - b);
  }

  private prune(folder: FolderKey): void {
    const views = this.byFolder.get(folder);
    if (!views) return;
    const latest = this.latestOf.get(folder);
    for (const view of views.keys()) if (view !== latest && !this.pins.has(pinKey(folder, view))) views.delete(view);
  }
}

function pinKey(folder: FolderKey, view: number): string {
  return `${view}\u0000${folder}`;
}
