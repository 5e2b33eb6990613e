import { readFileSync } from 'node:fs';
import { CompressionTypes, Kafka } from 'kafkajs';
import pino from 'pino';
import { EventBook, type DispatchCommand, type GridSignal } from './events';

const log = pino({ name: 'dr-event-coordinator' });

const kafka = new Kafka({
  clientId: 'dr-event-coordinator',
  brokers: (process.env.KAFKA_BROKERS ?? 'b-1.dev.ef34gh.c2.kafka.us-east-1.amazonaws.com:9094,b-2.dev.ef34gh.c2.kafka.us-east-1.amazonaws.com:9094,b-3.dev.ef34gh.c2.kafka.us-east-1.amazonaws.com:9094').split(','),
  ssl:
    process.env.KAFKA_TLS === 'false'
      ? false
      : {
          ca: [readFileSync(process.env.KAFKA_CA_FILE ?? '/secrets/kafka/ca.pem', 'utf8')],
          cert: readFileSync(process.env.KAFKA_CERT_FILE ?? '/secrets/kafka/client.pem', 'utf8'),
          key: readFileSync(process.env.KAFKA_KEY_FILE ?? '/secrets/kafka/client-key.pem', 'utf8'),
        },
});

const consumer = kafka.consumer({ groupId: 'dr-event-coordinator' });
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
const book = new EventBook();

async function main(): Promise<void> {
  await Promise.all([consumer.connect(), producer.connect()]);
  await consumer.subscribe({
    topics: [process.env.SIGNALS_TOPIC!, process.env.COMMANDS_TOPIC!],
    fromBeginning: true,
  });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      if (!message.value) return;
      const body = JSON.parse(message.value.toString());
      const changed =
        topic === process.env.SIGNALS_TOPIC
          ? book.onSignal(body as GridSignal)
          : book.onCommand(body as DispatchCommand);
      if (changed.length === 0) return;
      await producer.send({
        topic: process.env.OUTPUT_TOPIC!,
        compression: CompressionTypes.GZIP,
        messages: changed.map((event) => ({ key: event.id, value: JSON.stringify(event) })),
      });
    },
  });
}

main().catch((err) => {
  log.error({ err }, 'coordinator stopped');
  process.exit(1);
});

process.once('SIGTERM', () => {
  Promise.allSettled([consumer.disconnect(), producer.disconnect()]).then(() => process.exit(0));
});
