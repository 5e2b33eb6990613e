// A client on (or moving to) the target whose security settings do not match the target's auth will not
// connect: plaintext to a TLS listener, TLS without SASL to a SASL one, the wrong SASL mechanism.
// `securityMismatches` is the one reading of that; the rule reports it, migrate and the quick fix apply
// its mechanical fixes (scheme, protocol, flag) and the messages list what only people can add.
import type { Range, TextEdit } from '../model/common';
import type { AuthMode } from '../model/manifest';
import type { FileFacts, SecurityHint } from '../model/facts';
import type { BrokerRef, Model } from '../model/repository';
import type { Finding } from '../model/findings';
import { PROTOCOL_FOR_AUTH, SASL_MECHANISMS_FOR_AUTH } from '../domain/msk';
import type { Rule } from './context';

export interface SecurityMismatch {
  /** The connection string the settings belong to. */
  ref: BrokerRef;
  environment: string;
  /** Where the wrong setting is written (the scheme, the hint's value, or the ref when a setting is missing). */
  file: string;
  range: Range;
  /** What is wrong, in the user's words (`PLAINTEXT://`, `KAFKA_TLS=false`, `no security.protocol`). */
  what: string;
  /** The exact, reversible change where one exists. */
  fix?: TextEdit;
  /** What the team must add by hand for the target's auth (certificates, credentials). */
  manual: string[];
  /** The auth modes the target accepts (from the manifest or the Terraform cluster). */
  auth: AuthMode[];
}

const AUTH_NAMES: Record<AuthMode, string> = {
  plaintext: 'plaintext',
  tls: 'TLS',
  mtls: 'mutual TLS',
  sasl_scram: 'SASL/SCRAM',
  iam: 'IAM',
};
const KNOWN_PROTOCOLS = new Set(['PLAINTEXT', 'SSL', 'SASL_SSL', 'SASL_PLAINTEXT']);
const FALSY: Record<string, string> = { false: 'true', no: 'yes', off: 'on', '0': '1' };
// Java and Spring clients read their whole config from this key's file; their default protocol is PLAINTEXT.
const JAVA_CLIENT_KEY =
  /^(?:spring\.kafka\.(?:properties\.)?bootstrap[.-]servers|bootstrap\.servers|SPRING_KAFKA_BOOTSTRAP_SERVERS|spring\.kafka\.(?:consumer|producer|streams|admin)\.bootstrap[.-]servers)$/;

/** Auth modes of the target per environment: the manifest's `target.auth`, else the one Terraform MSK cluster's. */
function targetAuth(model: Model): Map<string, AuthMode[]> {
  const tf = model.mskClusters.length === 1 ? model.mskClusters[0].authModes : [];
  const out = new Map<string, AuthMode[]>();
  for (const env of model.manifest.environments) {
    const modes = env.target.auth ? [env.target.auth] : tf;
    // Unknown auth is no finding; a plaintext target (a proxy that terminates TLS, as in the story) needs nothing.
    if (modes.length && !modes.includes('plaintext')) out.set(env.name, modes);
  }
  return out;
}

/** Every mismatch between a moving or moved client's security settings and its target's auth. */
export function securityMismatches(model: Model): SecurityMismatch[] {
  const authByEnv = targetAuth(model);
  if (authByEnv.size === 0) return [];
  const out: SecurityMismatch[] = [];
  // Runs on every keystroke at fleet size: the loops below touch only what can hold a mismatch.
  const withHints: Array<[string, FileFacts]> = [];
  for (const entry of model.facts) if (entry[1].security.length > 0) withHints.push(entry);
  const refsByFile = new Map<string, BrokerRef[]>();
  if (withHints.length)
    for (const ref of model.brokerRefs) {
      const list = refsByFile.get(ref.file);
      if (list) list.push(ref);
      else refsByFile.set(ref.file, [ref]);
    }
  const concerned = (ref: BrokerRef | undefined): ref is BrokerRef & { environment: string } =>
    !!ref &&
    ref.kind !== 'test' &&
    !!ref.environment &&
    authByEnv.has(ref.environment) &&
    (ref.cluster === 'target' || (ref.cluster === 'source' && !!ref.service));
  const hintsByService = new Map<string, SecurityHint[]>();
  for (const [file, facts] of withHints) {
    const owner = (refsByFile.get(file) ?? []).find((r) => r.service)?.service;
    if (owner) hintsByService.set(owner, [...(hintsByService.get(owner) ?? []), ...facts.security]);
  }
  for (const [file, facts] of withHints) {
    const refs = refsByFile.get(file) ?? [];
    for (const hint of facts.security) {
      const ref = nearest(refs, hint.range);
      if (concerned(ref)) out.push(...checkHint(hint, ref, authByEnv.get(ref.environment)!, hintsByService));
    }
  }
  for (const ref of model.brokerRefs) {
    if (!concerned(ref)) continue;
    const modes = authByEnv.get(ref.environment)!;
    const schemed = ref.hosts.some((h) => h.protocol);
    if (schemed) out.push(...checkScheme(ref, modes));
    if (!schemed && ref.key && JAVA_CLIENT_KEY.test(ref.key) && !hasProtocolHint(ref, model, hintsByService)) {
      out.push({
        ref,
        environment: ref.environment,
        file: ref.file,
        range: ref.range,
        auth: modes,
        what: 'no security.protocol (the Java client defaults to PLAINTEXT)',
        manual: [`set security.protocol=${PROTOCOL_FOR_AUTH[modes[0]]}`, ...manualNeeds(modes, allHints(ref, model, hintsByService))],
      });
    }
  }
  // A hint's ref may be on the target while a second pass saw it again through another file: one per place.
  const seen = new Set<string>();
  return out.filter((m) => {
    const k = `${m.file}:${m.range.start.line}:${m.range.start.column}:${m.what}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Whether the ref's file or its service sets security.protocol (or its equivalent). */
function hasProtocolHint(ref: BrokerRef, model: Model, byService: Map<string, SecurityHint[]>): boolean {
  const isProtocol = (h: SecurityHint) => h.kind === 'protocol';
  return !!(model.facts.get(ref.file)?.security.some(isProtocol) || (ref.service && byService.get(ref.service)?.some(isProtocol)));
}

function allHints(ref: BrokerRef, model: Model, byService: Map<string, SecurityHint[]>): SecurityHint[] {
  return ref.service ? (byService.get(ref.service) ?? []) : (model.facts.get(ref.file)?.security ?? []);
}

/** The ref a setting sits beside: the closest by line in the same file (a compose service, a Spring file). */
function nearest(refs: BrokerRef[], at: Range): BrokerRef | undefined {
  let best: BrokerRef | undefined;
  let bestDistance = Infinity;
  for (const r of refs) {
    const d = at.start.line < r.range.start.line ? r.range.start.line - at.start.line : Math.max(0, at.start.line - r.range.end.line);
    if (d < bestDistance) {
      best = r;
      bestDistance = d;
    }
  }
  return best;
}

function protocolOk(value: string, modes: AuthMode[]): boolean {
  return modes.some((m) => PROTOCOL_FOR_AUTH[m] === value.toUpperCase());
}

/** The same word in the original's case (`plaintext` -> `ssl`, `PLAINTEXT` -> `SSL`, `False` -> `True`). */
function inCaseOf(original: string, word: string): string {
  if (original === original.toLowerCase()) return word.toLowerCase();
  if (original === original.toUpperCase()) return word.toUpperCase();
  return word[0].toUpperCase() + word.slice(1).toLowerCase();
}

function checkScheme(ref: BrokerRef & { environment: string }, modes: AuthMode[]): SecurityMismatch[] {
  const out: SecurityMismatch[] = [];
  for (const h of ref.hosts) {
    if (!h.protocol || !KNOWN_PROTOCOLS.has(h.protocol.toUpperCase()) || protocolOk(h.protocol, modes)) continue;
    const length = h.protocol.length;
    const offset = h.offset - length - 3;
    const start = { line: h.range.start.line, column: h.range.start.column - length - 3 };
    const range = { start, end: { line: start.line, column: start.column + length } };
    const want = inCaseOf(h.protocol, PROTOCOL_FOR_AUTH[modes[0]]);
    out.push({
      ref,
      environment: ref.environment,
      file: ref.file,
      range,
      auth: modes,
      what: `${h.protocol}://`,
      fix: { file: ref.file, offset, length, newText: want, range },
      manual: manualNeeds(modes, []),
    });
  }
  return out;
}

function checkHint(
  hint: SecurityHint,
  ref: BrokerRef & { environment: string },
  modes: AuthMode[],
  byService: Map<string, SecurityHint[]>,
): SecurityMismatch[] {
  const others = ref.service ? (byService.get(ref.service) ?? []) : [];
  const base = { ref, environment: ref.environment, file: hint.file, range: hint.range, auth: modes };
  const what = `${hint.key ?? hint.kind}=${hint.value}`;
  const fixTo = (newText: string): TextEdit | undefined =>
    hint.offset === undefined || hint.length === undefined
      ? undefined
      : { file: hint.file, offset: hint.offset, length: hint.length, newText, range: hint.range };
  if (hint.kind === 'protocol') {
    if (!KNOWN_PROTOCOLS.has(hint.value.toUpperCase()) || protocolOk(hint.value, modes)) return [];
    const fix = fixTo(inCaseOf(hint.value, PROTOCOL_FOR_AUTH[modes[0]]));
    return [{ ...base, what, ...(fix ? { fix } : {}), manual: manualNeeds(modes, others) }];
  }
  if (hint.kind === 'tls') {
    const on = FALSY[hint.value.toLowerCase()];
    if (on === undefined) return [];
    const fix = fixTo(/^\d$/.test(hint.value) ? on : inCaseOf(hint.value, on));
    return [{ ...base, what, ...(fix ? { fix } : {}), manual: manualNeeds(modes, others) }];
  }
  if (hint.kind === 'sasl-mechanism') {
    const sasl = modes.filter((m) => SASL_MECHANISMS_FOR_AUTH[m]);
    if (!sasl.length || sasl.some((m) => SASL_MECHANISMS_FOR_AUTH[m]!.includes(hint.value.toUpperCase()))) return [];
    // SCRAM-SHA-256 -> SCRAM-SHA-512 is only the word; any other switch needs a new login module or token provider.
    const fix =
      sasl.includes('sasl_scram') && /^scram-sha-256$/i.test(hint.value) ? fixTo(inCaseOf(hint.value, 'SCRAM-SHA-512')) : undefined;
    return [
      {
        ...base,
        what,
        ...(fix ? { fix } : {}),
        manual: fix
          ? manualNeeds(modes, others)
          : manualNeeds(
              modes,
              others.filter((h) => h !== hint && h.kind !== 'sasl-mechanism'),
            ),
      },
    ];
  }
  return [];
}

/** What the target's auth needs that no setting of the client shows (certificates, credentials). */
function manualNeeds(modes: AuthMode[], hints: SecurityHint[]): string[] {
  const mode = modes[0];
  const has = (kind: SecurityHint['kind'], test: (v: string) => boolean = () => true) =>
    hints.some((h) => h.kind === kind && test(h.value));
  if (mode === 'mtls' && !has('client-cert'))
    return [
      "a client certificate and key signed by the cluster's private CA (ssl.keystore.location + ssl.keystore.password, or kafkajs ssl.cert/ssl.key)",
    ];
  if (mode === 'sasl_scram' && !has('sasl-mechanism', (v) => /^scram-sha-512$/i.test(v))) {
    return ["sasl.mechanism=SCRAM-SHA-512 and the SCRAM user's credentials (sasl.jaas.config) from the secret associated with the cluster"];
  }
  if (mode === 'iam' && !has('sasl-mechanism', (v) => SASL_MECHANISMS_FOR_AUTH.iam!.includes(v.toUpperCase()))) {
    return [
      'IAM auth: sasl.mechanism=AWS_MSK_IAM with aws-msk-iam-auth (Java), or OAUTHBEARER with a token from aws-msk-iam-sasl-signer (kafkajs, confluent-kafka), and a policy allowing kafka-cluster:Connect',
    ];
  }
  return [];
}

export function mismatchMessage(m: SecurityMismatch): string {
  const moving = m.ref.cluster === 'source' ? 'after the move, ' : '';
  const auth = m.auth.map((a) => AUTH_NAMES[a]).join(' or ');
  const want = PROTOCOL_FOR_AUTH[m.auth[0]];
  const change = m.fix ? `; ${m.ref.cluster === 'source' ? 'migrate changes' : 'change'} it to ${JSON.stringify(m.fix.newText)}` : '';
  const manual = m.manual.length ? `; add by hand: ${m.manual.join('; ')}` : '';
  return `${moving}the client will not connect: ${m.what} with ${auth} on the target in ${m.environment} (needs ${want})${change}${manual}`;
}

export const securityProtocolMismatch: Rule = {
  id: 'security-protocol-mismatch',
  defaultSeverity: 'error',
  run({ model, severity }) {
    return securityMismatches(model).map((m): Finding => ({
      rule: 'security-protocol-mismatch',
      severity,
      service: m.ref.service,
      environment: m.environment,
      file: m.file,
      range: m.range,
      message: mismatchMessage(m),
      // Migrate changes the scheme or flag with the move; anything left by hand keeps the service waiting.
      ...(m.fix && m.manual.length === 0 ? { fixedByMigrate: true } : {}),
    }));
  },
};
