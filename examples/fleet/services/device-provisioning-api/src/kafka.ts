import { readFileSync } from 'node:fs';
import { Kafka, type Producer } from 'kafkajs';

// The chart sets KAFKA_BROKERS; the fallback predates the chart.
const brokers = (process.env.KAFKA_BROKERS ?? 'kafka1.prod.example.internal:9092,kafka2.prod.example.internal:9092,kafka3.prod.example.internal:9092').split(',');

const kafka = new Kafka({
  clientId: 'device-provisioning-api',
  brokers,
  ssl:
    process.env.KAFKA_TLS === 'false'
      ? false
      : {
          ca: [readFileSync('/secrets/kafka/ca.pem', 'utf8')],
          cert: readFileSync('/secrets/kafka/client.pem', 'utf8'),
          key: readFileSync('/secrets/kafka/client-key.pem', 'utf8'),
        },
});

export const producer: Producer = kafka.producer({ idempotent: true });

export interface ProvisioningRequest {
  request_id: string;
  device_id: string;
  site_id: string;
  kind: 'meter' | 'battery' | 'controller';
  action: 'register' | 'decommission';
}

export async function publishRequest(req: ProvisioningRequest): Promise<void> {
  await producer.send({
    topic: process.env.OUTPUT_TOPIC!,
    messages: [{ key: req.device_id, value: JSON.stringify(req) }],
  });
}
