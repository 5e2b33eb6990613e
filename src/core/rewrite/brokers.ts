// Rewrites the host:port tokens of one connection string between the source and target clusters of an
// environment. Only the tokens change, so quoting, `PROTOCOL://` prefixes, separators and list style survive.
// The mapping is chosen so that rollback(migrate(x)) restores the original bytes for refs written in the
// manifest's canonical forms (the exceptions are spelled out in `rewriteRef`).
import { parseBroker, type BrokerAddress } from '../domain/brokers';
import { isMskHost } from '../domain/msk';
import { portForHost, portsForAuth } from '../domain/ports';
import type { Range, TextEdit } from '../model/common';
import type { EnvironmentConfig } from '../model/manifest';
import type { BrokerRefText, HostToken } from '../model/facts';

export type Direction = 'migrate' | 'rollback';

interface Side {
  brokers: BrokerAddress[];
  /** The port a broker without one in the manifest is reached on. */
  defaultPort: (host: string) => number;
  /** The text written for broker i. Source brokers are written as the manifest spells them (canonical). */
  render: (i: number) => string;
}

function sides(env: EnvironmentConfig): { source: Side; target: Side } {
  const source = env.source.brokers.map(parseBroker);
  const target = env.target.brokers.map(parseBroker);
  const sourcePort = (host: string) => portForHost(env.source.auth, host);
  const targetPort = (host: string) => portForHost(env.target.auth, host);
  return {
    source: {
      brokers: source,
      defaultPort: sourcePort,
      render: (i) => brokerText(source[i].host, source[i].port),
    },
    target: {
      brokers: target,
      defaultPort: targetPort,
      // The target must always get a port: the client's implied 9092 is wrong for every authenticated MSK listener.
      render: (i) => brokerText(target[i].host, target[i].port ?? targetPort(target[i].host)),
    },
  };
}

function brokerText(host: string, port: number | undefined): string {
  return port === undefined ? host : `${host}:${port}`;
}

/** A token names a broker when the host matches (any case) and the port matches or is left implied. */
function tokenMatches(token: HostToken, broker: BrokerAddress, side: Side): boolean {
  if (token.host.toLowerCase() !== broker.host.toLowerCase()) return false;
  if (token.port === undefined) return true;
  return token.port === (broker.port ?? side.defaultPort(broker.host));
}

function indexIn(token: HostToken, side: Side): number {
  return side.brokers.findIndex((b) => tokenMatches(token, b, side));
}

function tokenEdit(file: string, token: HostToken, newText: string): TextEdit {
  return { file, offset: token.offset, length: token.length, newText, range: token.range };
}

/** The text between two tokens of the same part (`,`, `, `, `,PLAINTEXT://`). */
function textBetween(ref: BrokerRefText, a: HostToken, b: HostToken): string | undefined {
  const part = ref.parts.find((p) => p.offset <= a.offset && b.offset + b.length <= p.offset + p.length);
  if (!part) return undefined;
  return part.text.slice(a.offset + a.length - part.offset, b.offset - part.offset);
}

/**
 * The edits that move `ref` from one cluster to the other (`migrate`: source -> target, `rollback`: target
 * -> source). With F the brokers moved from and G the brokers moved to:
 * 1. A single scalar naming exactly F in order, when |F| != |G|: the span from the first to the last token
 *    becomes G joined by the text between the original's first two tokens (`,` plus the first token's
 *    protocol prefix when there was only one token).
 * 2. n == |G| tokens where token i names F[i mod |F|] (a list or a scalar of canonical form): token i -> G[i].
 *    This is the exact inverse of rule 3 applied to a list of F with |F| != |G|.
 * 3. Otherwise each token naming F[j] becomes G[j mod |G|]; other tokens stay.
 * Not invertible, because information is lost: a multi-broker scalar moved to a single broker rolls back
 * with `,` separators; a lone source broker moved to a single target broker rolls back to all source
 * brokers (rule 1); a lone F[j] with j >= |G| comes back as F[j mod |G|]. `migrate` therefore keeps the
 * original text in the undo record (rewrite/undo.ts), and `rollback` uses this mapping only for what no
 * migrate recorded.
 */
export function rewriteRef(ref: BrokerRefText, env: EnvironmentConfig, direction: Direction): TextEdit[] {
  const { source, target } = sides(env);
  const [from, to] = direction === 'migrate' ? [source, target] : [target, source];
  const tokens = ref.hosts;
  if (tokens.length === 0 || from.brokers.length === 0 || to.brokers.length === 0) return [];
  const indexes = tokens.map((t) => indexIn(t, from));
  if (indexes.every((j) => j < 0)) return [];

  const nFrom = from.brokers.length;
  const nTo = to.brokers.length;
  const namesAllInOrder = tokens.length === nFrom && indexes.every((j, i) => j === i);
  // A list keeps one broker per element: joining several into one element would break list-style configs.
  if (ref.parts.length === 1 && !ref.list && namesAllInOrder && nFrom !== nTo) {
    const first = tokens[0];
    const last = tokens[tokens.length - 1];
    const separator = tokens.length >= 2 ? textBetween(ref, first, tokens[1]) : `,${first.protocol ? `${first.protocol}://` : ''}`;
    if (separator !== undefined) {
      const newText = to.brokers.map((_, i) => to.render(i)).join(separator);
      const range: Range = { start: first.range.start, end: last.range.end };
      return [{ file: ref.file, offset: first.offset, length: last.offset + last.length - first.offset, newText, range }];
    }
  }

  const positional = tokens.length === nTo && tokens.every((t, i) => tokenMatches(t, from.brokers[i % nFrom], from));
  const edits: TextEdit[] = [];
  tokens.forEach((token, i) => {
    const j = positional ? i : indexes[i];
    if (!positional && j < 0) return;
    const newText = to.render(positional ? j : j % nTo);
    edits.push(tokenEdit(ref.file, token, newText));
  });
  return edits;
}

/**
 * Edits that set the port of every target token (a target broker of the manifest, or an MSK host name)
 * that the auth-port-mismatch rule flags: a host the manifest lists takes the manifest's port (a proxy may
 * listen anywhere); another MSK host takes the port of env.target.auth (VPC, public or IPv6 as its name
 * says). Only the digits change (or `:port` is appended where none is written).
 */
export function fixPort(ref: BrokerRefText, env: EnvironmentConfig): TextEdit[] {
  const pinned = new Map<string, number | undefined>(
    env.target.brokers.map((b) => {
      const parsed = parseBroker(b);
      return [parsed.host.toLowerCase(), parsed.port];
    }),
  );
  const auth = env.target.auth;
  const edits: TextEdit[] = [];
  for (const token of ref.hosts) {
    const host = token.host.toLowerCase();
    if (!pinned.has(host) && !isMskHost(token.host)) continue;
    const listed = pinned.get(host);
    if (listed === undefined && !auth) continue;
    if (listed === undefined && token.port !== undefined && portsForAuth(auth!).includes(token.port)) continue;
    const expected = listed ?? portForHost(auth, token.host);
    if (token.port === expected) continue;
    if (token.port === undefined) {
      const at = token.range.end;
      edits.push({
        file: ref.file,
        offset: token.offset + token.length,
        length: 0,
        newText: `:${expected}`,
        range: { start: at, end: at },
      });
      continue;
    }
    const digitsStart = token.host.length + 1;
    const digitsLength = token.length - digitsStart;
    const line = token.range.start.line;
    const column = token.range.start.column + digitsStart;
    edits.push({
      file: ref.file,
      offset: token.offset + digitsStart,
      length: digitsLength,
      newText: String(expected),
      range: { start: { line, column }, end: { line, column: column + digitsLength } },
    });
  }
  return edits;
}

/**
 * Applies edits (0-based UTF-16 offsets into `text`) and returns the new text. Exact duplicates are applied
 * once (two extractors may report the same ref); overlapping edits are a bug in the caller and throw.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const files = new Set(edits.map((e) => e.file));
  if (files.size > 1) throw new Error(`applyEdits: edits for several files (${[...files].sort().join(', ')})`);
  const sorted = dedupe([...edits].sort((a, b) => a.offset - b.offset || a.length - b.length));
  for (const e of sorted) {
    if (!Number.isInteger(e.offset) || !Number.isInteger(e.length) || e.offset < 0 || e.length < 0 || e.offset + e.length > text.length) {
      throw new Error(`${e.file}: edit at ${e.offset}+${e.length} is outside the text (length ${text.length})`);
    }
  }
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    // Two insertions at one offset overlap too: their order would be a guess.
    if (a.offset + a.length > b.offset || (a.offset === b.offset && (a.length === 0 || b.length === 0))) {
      throw new Error(
        `${b.file}: overlapping edits at ${at(a.range)} and ${at(b.range)} (${JSON.stringify(a.newText)} vs ${JSON.stringify(b.newText)})`,
      );
    }
  }
  let out = text;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const e = sorted[i];
    out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  }
  return out;
}

function dedupe(sorted: TextEdit[]): TextEdit[] {
  return sorted.filter(
    (e, i) => i === 0 || !(sorted[i - 1].offset === e.offset && sorted[i - 1].length === e.length && sorted[i - 1].newText === e.newText),
  );
}

function at(range: Range): string {
  return `${range.start.line}:${range.start.column}`;
}
