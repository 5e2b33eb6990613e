// Reads aws_msk_cluster and aws_msk_configuration blocks.
import type { Node } from 'web-tree-sitter';
import type { AuthMode } from '../model/manifest';
import type { MskClusterDecl } from '../model/facts';
import type { LineIndex } from '../extract/text';
import { blockAttributes, childBlocks } from './convert';
import { evaluate, scalarText, type EvalContext } from './evaluate';
import { autoCreateTopicsIn } from './resources';

const AUTH_ORDER: AuthMode[] = ['plaintext', 'tls', 'mtls', 'sasl_scram', 'iam'];

export interface MskClusterRead {
  decl: MskClusterDecl;
  /** The aws_msk_configuration named by configuration_info.arn, when it is one. */
  configuration?: string;
}

export function readMskCluster(
  block: Node,
  name: string,
  file: string,
  header: MskClusterDecl['range'],
  index: LineIndex,
  scope: EvalContext,
): MskClusterRead {
  const attributes = blockAttributes(block, index);
  const text = (attribute: string, from = attributes) => {
    const written = from[attribute];
    return written ? scalarText(evaluate(written, scope)) : undefined;
  };
  const isTrue = (attribute: string, from: typeof attributes) => text(attribute, from) === 'true';

  const encryption = childBlocks(block, 'encryption_info')[0];
  const inTransit = encryption && childBlocks(encryption, 'encryption_in_transit')[0];
  const clientBroker = inTransit ? text('client_broker', blockAttributes(inTransit, index)) : undefined;
  // MSK encrypts client traffic with TLS unless told otherwise.
  const effectiveBroker = (clientBroker ?? 'TLS').toUpperCase();

  const modes = new Set<AuthMode>();
  const auth = childBlocks(block, 'client_authentication')[0];
  // Without client_authentication the cluster takes unauthenticated clients.
  let unauthenticated = !auth;
  if (auth) {
    const authAttributes = blockAttributes(auth, index);
    unauthenticated = isTrue('unauthenticated', authAttributes);
    if (childBlocks(auth, 'tls').length > 0) modes.add('mtls');
    const sasl = childBlocks(auth, 'sasl')[0];
    if (sasl) {
      const saslAttributes = blockAttributes(sasl, index);
      if (isTrue('scram', saslAttributes)) modes.add('sasl_scram');
      if (isTrue('iam', saslAttributes)) modes.add('iam');
    }
  }
  if (effectiveBroker === 'PLAINTEXT' || effectiveBroker === 'TLS_PLAINTEXT') modes.add('plaintext');
  if (unauthenticated && (effectiveBroker === 'TLS' || effectiveBroker === 'TLS_PLAINTEXT')) modes.add('tls');

  const decl: MskClusterDecl = { file, range: header, name, authModes: AUTH_ORDER.filter((m) => modes.has(m)) };
  const clusterName = text('cluster_name');
  if (clusterName !== undefined) decl.clusterName = clusterName;
  const kafkaVersion = text('kafka_version');
  if (kafkaVersion !== undefined) decl.kafkaVersion = kafkaVersion;
  if (clientBroker !== undefined) decl.clientBroker = clientBroker;

  const info = childBlocks(block, 'configuration_info')[0];
  if (!info) {
    decl.autoCreateTopics = false;
    return { decl };
  }
  const arn = blockAttributes(info, index).arn;
  if (arn?.kind === 'ref' && arn.root === 'aws_msk_configuration' && typeof arn.path[0] === 'string') {
    return { decl, configuration: arn.path[0] };
  }
  return { decl };
}

/** `auto.create.topics.enable` of an aws_msk_configuration block. */
export function readMskConfiguration(block: Node): boolean {
  const properties = block.namedChildren
    .find((c) => c?.type === 'body')
    ?.namedChildren.find((c) => c?.type === 'attribute' && c.namedChild(0)?.text === 'server_properties');
  return properties ? autoCreateTopicsIn(properties.text) : false;
}
