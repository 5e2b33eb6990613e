// The extension host's side of the engine: starts dist/engineWorker.js, sends typed requests, decodes
// view analyses a slice per turn of the event loop, drops answers to cancelled requests, and restarts a
// worker that stopped: once on its own (saying so), after that only when the user asks.
import * as path from 'node:path';
import { deserialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import type { Analysis, Problem } from '../../core';
import type { FromWorker, Request, ToWorker, ViewPart, WireError } from './protocol';
import { ViewAssembler } from './viewAnalysis';
import { ReceivedViews } from './viewDelta';

/** The request was cancelled (a newer edit superseded it, or its token fired): its answer was dropped. */
export class EngineCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/** The worker stopped while the request was in flight, or is stopped. */
export class EngineStopped extends Error {}

/** The engine refused the request (a rejected manifest carries its problems). */
export class EngineFailure extends Error {
  constructor(
    message: string,
    readonly manifestProblems?: Problem[],
  ) {
    super(message);
  }
}

/** How the engine's state reaches the user; the in-host tests replace these to see and answer them. */
export const engineNotices = {
  warn(message: string): void {
    void vscode.window.showWarningMessage(message);
  },
  error(message: string, ...items: string[]): Thenable<string | undefined> {
    return vscode.window.showErrorMessage(message, ...items);
  },
};

export interface RequestOptions {
  token?: vscode.CancellationToken;
  /** Called with the id before it is sent, so a caller can cancel it later. */
  onId?: (id: number) => void;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  /** View parts not decoded yet: encoded, or a reference to a part of the base view. */
  parts: Array<{ index: number; bytes: ArrayBuffer } | { index: number; base: number }>;
  assembler?: ViewAssembler;
  /** For a request answered with a view: its folder, the base it named, and the parts decoded so far by index. */
  view?: { folder: string; base?: number; decoded: ViewPart[] };
  /** The reply, once it came (resolved after the last part is decoded). */
  reply?: { result: unknown };
}

/** What a scan or an update answers on the host: the reply and the analysis it brought, if any. */
export interface Analysed<T> {
  reply: T;
  analysis?: Analysis;
}

/** Milliseconds of decoding per turn: well under the 50 ms an editor may stall. */
const DECODE_BUDGET_MS = 8;

export class EngineClient implements vscode.Disposable {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Requests whose answers are dropped when they come. */
  private readonly dropped = new Set<number>();
  private crashes = 0;
  private disposed = false;
  private decoding = false;
  private readonly restarted = new vscode.EventEmitter<void>();
  /** The worker was started again after it stopped: every index it held is gone. */
  readonly onDidRestart = this.restarted.event;
  /** Bumped per worker started: the tests see a restart by it. */
  generation = 0;

  constructor(
    private readonly workerFile: string,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.start();
  }

  /** dist/engineWorker.js beside the extension bundle. */
  static beside(dir: string, log: vscode.LogOutputChannel): EngineClient {
    return new EngineClient(path.join(dir, 'engineWorker.js'), log);
  }

  get running(): boolean {
    return this.worker !== undefined;
  }

  private start(): void {
    // A new worker knows none of the views the host holds: its first answers are whole.
    this.views.clear();
    const worker = new Worker(this.workerFile, { stdout: false, stderr: false });
    this.worker = worker;
    this.generation++;
    worker.on('message', (message: FromWorker) => this.onMessage(message));
    worker.on('error', (error) => this.log.error('Kafka Cutover engine: uncaught error in the worker', error));
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      if (!this.disposed) this.onCrash(code);
    });
  }

  private onCrash(code: number): void {
    this.crashes++;
    this.log.error(`the engine worker stopped (exit code ${code}); ${this.crashes === 1 ? 'restarting it' : 'not restarting it again'}`);
    for (const [, p] of this.pending) p.reject(new EngineStopped(vscode.l10n.t('The Kafka Cutover engine stopped.')));
    this.pending.clear();
    this.dropped.clear();
    if (this.crashes === 1) {
      engineNotices.warn(
        vscode.l10n.t(
          'The Kafka Cutover engine stopped unexpectedly (exit code {0}) and was restarted. See the Kafka Cutover output for details.',
          code,
        ),
      );
      this.start();
      this.restarted.fire();
      return;
    }
    const restart = vscode.l10n.t('Restart');
    void engineNotices
      .error(
        vscode.l10n.t(
          'The Kafka Cutover engine stopped again (exit code {0}). Diagnostics and views are not updated until it is restarted.',
          code,
        ),
        restart,
      )
      .then((picked) => {
        if (picked === restart) this.restart();
      });
  }

  /** Starts a stopped worker again (the error's Restart button, or a command). */
  restart(): void {
    if (this.disposed) return;
    if (this.worker) return;
    this.crashes = 0;
    this.log.info('restarting the engine worker');
    this.start();
    this.restarted.fire();
  }

  /** Ends the worker as a crash would (the in-host tests' way to crash it). */
  async kill(): Promise<void> {
    await this.worker?.terminate();
  }

  request<T>(request: Request, options: RequestOptions = {}): Promise<T> {
    const worker = this.worker;
    if (!worker)
      return Promise.reject(new EngineStopped(vscode.l10n.t('The Kafka Cutover engine is stopped: restart it from the error message.')));
    const id = this.nextId++;
    if (request.kind === 'close') this.views.forget(request.folder);
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, parts: [] });
      options.onId?.(id);
      worker.postMessage({ type: 'request', id, request } satisfies ToWorker);
      if (options.token) {
        if (options.token.isCancellationRequested) this.cancel(id);
        else {
          const sub = options.token.onCancellationRequested(() => this.cancel(id));
          this.settledHooks.set(id, () => sub.dispose());
        }
      }
    });
  }

  /** A request that answers with a view analysis in parts (scan, update, severities). */
  async analyse<T>(request: Request & { kind: 'scan' | 'update' | 'severities' }, options: RequestOptions = {}): Promise<Analysed<T>> {
    let id = 0;
    const { folder } = request;
    const base = this.views.pinLatest(folder);
    try {
      const reply = await this.request<T>(
        { ...request, base },
        {
          ...options,
          onId: (n) => {
            id = n;
            const pending = this.pending.get(n);
            if (pending) pending.view = { folder, base, decoded: [] };
            options.onId?.(n);
          },
        },
      );
      const built = this.built.get(id);
      this.built.delete(id);
      return { reply, analysis: built };
    } finally {
      this.views.unpin(folder, base);
    }
  }

  /** The parts of the views each folder holds, which the worker's answers may refer to. */
  readonly views = new ReceivedViews();

  private readonly built = new Map<number, Analysis>();
  private readonly settledHooks = new Map<number, () => void>();

  /** Drops the answer of a request; the worker skips it if it has not started it. */
  cancel(id: number): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    this.dropped.add(id);
    this.worker?.postMessage({ type: 'cancel', id } satisfies ToWorker);
    this.settle(id);
    p.reject(new EngineCancelled());
  }

  private settle(id: number): void {
    const hook = this.settledHooks.get(id);
    this.settledHooks.delete(id);
    hook?.();
  }

  private onMessage(message: FromWorker): void {
    if (this.dropped.has(message.id)) {
      if (message.type !== 'part') this.dropped.delete(message.id);
      return;
    }
    const p = this.pending.get(message.id);
    if (!p) return;
    switch (message.type) {
      case 'part':
        p.parts.push({ index: message.index, bytes: message.bytes });
        p.assembler ??= new ViewAssembler();
        this.scheduleDecode();
        return;
      case 'samePart':
        p.parts.push({ index: message.index, base: message.base });
        p.assembler ??= new ViewAssembler();
        this.scheduleDecode();
        return;
      case 'reply':
        p.reply = { result: message.result };
        this.scheduleDecode();
        return;
      case 'cancelled':
        this.pending.delete(message.id);
        this.settle(message.id);
        p.reject(new EngineCancelled());
        return;
      case 'failed':
        this.pending.delete(message.id);
        this.settle(message.id);
        p.reject(failure(message.error));
        return;
    }
  }

  private scheduleDecode(): void {
    if (this.decoding) return;
    this.decoding = true;
    setImmediate(() => this.decode());
  }

  /** Decodes parts for a few milliseconds, then yields to the rest of the host; resolves finished replies. */
  private decode(): void {
    const started = performance.now();
    let more = false;
    for (const [id, p] of this.pending) {
      try {
        while (p.parts.length && performance.now() - started < DECODE_BUDGET_MS) this.decodePart(p, p.parts.shift()!);
      } catch (error) {
        this.pending.delete(id);
        this.settle(id);
        p.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (p.parts.length) {
        more = true;
        break;
      }
      if (p.reply) {
        this.pending.delete(id);
        if (p.assembler) this.built.set(id, p.assembler.build());
        const view = (p.reply.result as { view?: unknown } | undefined)?.view;
        if (p.view && p.assembler && typeof view === 'number') this.views.keep(p.view.folder, view, p.view.decoded);
        this.settle(id);
        p.resolve(p.reply.result);
      }
    }
    this.decoding = false;
    if (more) this.scheduleDecode();
  }

  private decodePart(p: Pending, part: Pending['parts'][number]): void {
    let decoded: ViewPart | undefined;
    if ('bytes' in part) decoded = deserialize(Buffer.from(part.bytes)) as ViewPart;
    else {
      decoded = p.view && this.views.part(p.view.folder, part.base, part.index);
      // Cannot happen while the base stays pinned; said plainly if it ever does, never built half.
      if (!decoded)
        throw new EngineFailure(`the engine referred to part ${part.index} of view ${part.base}, which the host no longer holds`);
    }
    if (p.view) p.view.decoded[part.index] = decoded;
    p.assembler!.add(decoded);
  }

  dispose(): void {
    this.disposed = true;
    for (const [, p] of this.pending) p.reject(new EngineStopped('disposed'));
    this.pending.clear();
    void this.worker?.terminate();
    this.worker = undefined;
    this.restarted.dispose();
  }
}

function failure(error: WireError): EngineFailure {
  return new EngineFailure(error.message, error.manifestProblems);
}
