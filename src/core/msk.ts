// Amazon MSK facts: the port a client uses for each authentication mode.
import type { AuthMode } from './model/types';

export const MSK_PORTS: Record<AuthMode, { vpc: number; public?: number; ipv6: number }> = {
  plaintext: { vpc: 9092, ipv6: 20092 },
  tls: { vpc: 9094, public: 9194, ipv6: 20094 },
  mtls: { vpc: 9094, public: 9194, ipv6: 20094 },
  sasl_scram: { vpc: 9096, public: 9196, ipv6: 20096 },
  iam: { vpc: 9098, public: 9198, ipv6: 20098 },
};

/** The `aws_msk_cluster` attribute (and usual Terraform output) holding the bootstrap string per auth mode. */
export const BOOTSTRAP_OUTPUT: Record<AuthMode, string> = {
  plaintext: 'bootstrap_brokers',
  tls: 'bootstrap_brokers_tls',
  mtls: 'bootstrap_brokers_tls',
  sasl_scram: 'bootstrap_brokers_sasl_scram',
  iam: 'bootstrap_brokers_sasl_iam',
};

/** Every port that is right for an auth mode (in the VPC, public, over IPv6). */
export function portsForAuth(auth: AuthMode): number[] {
  const p = MSK_PORTS[auth];
  return [p.vpc, p.public, p.ipv6].filter((x): x is number => x !== undefined);
}

/** The port a host should use: public endpoints (`b-1-public.…`) take the public port. */
export function expectedPort(auth: AuthMode, host: string): number {
  const p = MSK_PORTS[auth];
  return /^b-\d+-public\./i.test(host) && p.public ? p.public : p.vpc;
}

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
