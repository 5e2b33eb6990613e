// Amazon MSK facts that do not depend on the port: what its broker names look like, and what a client
// of each auth mode needs (the Terraform output with its bootstrap string, the security protocol, the
// SASL mechanism). Ports are in ports.ts.
import type { AuthMode } from '../model/manifest';

// `b-N.<cluster>.<id>.c<N>.kafka.<region>.amazonaws.com`, `b-N-public.…`, serverless
// `boot-<id>.c<N>.kafka-serverless.<region>.amazonaws.com`. Only the suffix is required: the labels
// before `.kafka.` vary (c2, c3, c8, c11 …) and proxies or custom names reuse the suffix.
const MSK_HOST = /\.kafka(?:-serverless)?\.([a-z0-9-]+)\.amazonaws\.com$/i;
const MSK_PUBLIC_HOST = /^b-\d+-public\./i;

/** A host name of an MSK broker (provisioned or serverless, VPC or public). */
export function isMskHost(host: string): boolean {
  return MSK_HOST.test(host);
}

/** An MSK public endpoint (`b-N-public.…`): clients reach it on the public ports. */
export function isMskPublicHost(host: string): boolean {
  return MSK_PUBLIC_HOST.test(host);
}

/** `b-1.x.y.c2.kafka.eu-west-1.amazonaws.com` -> `eu-west-1`; undefined for any other host. */
export function mskRegion(host: string): string | undefined {
  return MSK_HOST.exec(host)?.[1]?.toLowerCase();
}

/** The `aws_msk_cluster` attribute (and usual Terraform output) holding the bootstrap string per auth mode. */
export const BOOTSTRAP_OUTPUT: Record<AuthMode, string> = {
  plaintext: 'bootstrap_brokers',
  tls: 'bootstrap_brokers_tls',
  mtls: 'bootstrap_brokers_tls',
  sasl_scram: 'bootstrap_brokers_sasl_scram',
  iam: 'bootstrap_brokers_sasl_iam',
};

/** The Kafka `security.protocol` a client needs for an MSK auth mode (every authenticated listener is TLS). */
export const PROTOCOL_FOR_AUTH: Record<AuthMode, 'PLAINTEXT' | 'SSL' | 'SASL_SSL'> = {
  plaintext: 'PLAINTEXT',
  tls: 'SSL',
  mtls: 'SSL',
  sasl_scram: 'SASL_SSL',
  iam: 'SASL_SSL',
};

/**
 * SASL mechanisms MSK accepts per auth mode: SCRAM only as SHA-512; IAM as OAUTHBEARER with a token from
 * AWS's signer libraries, or AWS_MSK_IAM with the Java aws-msk-iam-auth library (kafkajs' `aws` is not it).
 */
export const SASL_MECHANISMS_FOR_AUTH: Partial<Record<AuthMode, string[]>> = {
  sasl_scram: ['SCRAM-SHA-512'],
  iam: ['OAUTHBEARER', 'AWS_MSK_IAM'],
};
