// The engine worker: hosts one incremental index (RepositoryIndex) per workspace folder, off the extension
// host's thread. Requests are taken one per turn of the event loop so a cancel sent meanwhile is seen;
// an update superseded by a newer one is still applied (the index must hold every change) but not
// analysed. No `vscode` import: this is dist/engineWorker.js.
import { serialize } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { cutoverEdits, ensureCodeGrammarsReady, ensureHclReady, ManifestError, manifestText, RepositoryIndex } from '../../core';
import { editsReply, offersAt, resolveFix } from './fixes';
import {
  threadCpuNs,
  type AnalysedReply,
  type EditsReply,
  type FolderInfo,
  type FromWorker,
  type Request,
  type ToWorker,
} from './protocol';
import { yieldCpuToHost } from './threadPriority';
import { viewParts } from './viewAnalysis';
import { partDigest, SentViews } from './viewDelta';

const port = parentPort;
if (!port) throw new Error('engineWorker.js runs as a worker thread of the extension host');

// On a busy machine (two cores, a scan on one) the host's thread, which answers the user, goes first.
yieldCpuToHost();

// The grammars compile while the host finishes activating: the first scan finds them ready.
void Promise.all([ensureHclReady(), ensureCodeGrammarsReady()]).catch(() => undefined);

const folders = new Map<string, RepositoryIndex>();
const sentViews = new SentViews();
const queue: Array<{ id: number; request: Request }> = [];
const cancelled = new Set<number>();
let draining = false;
/** The worker thread's CPU time when the current request started. */
let cpuAtStart: number | undefined;

function send(message: FromWorker, transfer?: ArrayBuffer[]): void {
  port!.postMessage(message, transfer);
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') {
    cancelled.add(message.id);
    return;
  }
  queue.push({ id: message.id, request: message.request });
  if (!draining) {
    draining = true;
    setImmediate(drain);
  }
});

async function drain(): Promise<void> {
  const next = queue.shift();
  if (!next) {
    draining = false;
    return;
  }
  const { id, request } = next;
  const skip = cancelled.delete(id);
  cpuAtStart = threadCpuNs();
  try {
    const result = await handle(id, request, skip);
    send(skip ? { type: 'cancelled', id } : { type: 'reply', id, result });
  } catch (error) {
    send({
      type: 'failed',
      id,
      error:
        error instanceof ManifestError
          ? { message: error.message, manifestProblems: error.problems }
          : { message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined },
    });
  }
  // One request per turn: cancels and newer updates that arrived meanwhile are read before the next.
  setImmediate(drain);
}

function workspaceOf(folder: string): RepositoryIndex {
  const workspace = folders.get(folder);
  if (!workspace) throw new Error(`no index is open for ${folder}`);
  return workspace;
}

async function handle(id: number, request: Request, skip: boolean): Promise<unknown> {
  switch (request.kind) {
    case 'open':
      folders.set(request.folder, new RepositoryIndex(request.root, request.options));
      return info(workspaceOf(request.folder));
    case 'close':
      folders.delete(request.folder);
      sentViews.forget(request.folder);
      return undefined;
    case 'scan': {
      if (skip) return undefined;
      const started = Date.now();
      const workspace = workspaceOf(request.folder);
      await workspace.scan();
      return analysed(id, workspace, started, request);
    }
    case 'update': {
      const started = Date.now();
      const workspace = workspaceOf(request.folder);
      let touched = false;
      for (const [rel, text] of request.changes) touched = workspace.update(rel, text) || touched;
      // Applied even when superseded; analysed only for the newest.
      if (skip || !touched) return { analysed: false, folder: info(workspace), workerMs: Date.now() - started } satisfies AnalysedReply;
      return analysed(id, workspace, started, request);
    }
    case 'severities': {
      const started = Date.now();
      const workspace = workspaceOf(request.folder);
      workspace.setSeverities(request.severities);
      if (skip) return undefined;
      return analysed(id, workspace, started, request);
    }
    case 'cutoverEdits': {
      const workspace = workspaceOf(request.folder);
      const { services, env, direction } = request.request;
      const set = cutoverEdits(workspace.analyse(), { services, env }, direction);
      return editsReply(workspace, set.byFile, {
        skipped: set.skipped.map((s) => ({ ref: { file: s.ref.file, range: s.ref.range }, reason: s.reason })),
        services: set.services,
      }) satisfies EditsReply;
    }
    case 'fixes': {
      const workspace = workspaceOf(request.folder);
      return offersAt(workspace, workspace.analyse(), request.file, request.queries);
    }
    case 'resolveFix': {
      const workspace = workspaceOf(request.folder);
      return resolveFix(workspace, workspace.analyse(), request.file, request.query, request.fix);
    }
    case 'manifestText': {
      const workspace = new RepositoryIndex(request.root, { ignoreManifest: true, exclude: request.exclude });
      return manifestText((await workspace.scan()).model);
    }
    case 'known':
      return workspaceOf(request.folder).factsOf(request.file) !== undefined;
  }
}

function analysed(id: number, workspace: RepositoryIndex, started: number, request: { folder: string; base?: number }): AnalysedReply {
  const analysis = workspace.analyse();
  const { view, baseDigests } = sentViews.begin(request.folder, request.base);
  const digests: string[] = [];
  let reused = 0;
  for (const part of viewParts(analysis)) {
    const index = digests.length;
    const buffer = serialize(part);
    const digest = partDigest(buffer);
    digests.push(digest);
    if (baseDigests?.[index] === digest) {
      reused++;
      send({ type: 'samePart', id, index, base: request.base! });
      continue;
    }
    const bytes = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
    send({ type: 'part', id, index, bytes }, [bytes]);
  }
  sentViews.remember(request.folder, view, digests);
  const cpu = threadCpuNs();
  const workerCpuMs = cpu !== undefined && cpuAtStart !== undefined ? Math.round((cpu - cpuAtStart) / 1e6) : undefined;
  const stats = workspace.scanStats;
  const scanStats = stats && { files: stats.files, fromCache: stats.fromCache, cache: stats.cache };
  return {
    analysed: true,
    view,
    partsReused: reused,
    partsSent: digests.length - reused,
    folder: info(workspace, analysis.model.facts.size),
    workerMs: Date.now() - started,
    workerCpuMs,
    scanStats,
  };
}

function info(workspace: RepositoryIndex, fileCount = 0): FolderInfo {
  return { root: workspace.root, manifestPath: workspace.manifestPath, zeroConfig: workspace.zeroConfig, fileCount };
}
