import { readFileSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { notify, type Alert } from './notify';

const log = pino({ name: 'alert-notifier' });

const kafka = new Kafka({
  clientId: 'alert-notifier',
  brokers: process.env.KAFKA_BROKERS!.split(','),
  // Mutual TLS to MSK; the local compose broker is plaintext.
  ssl:
    process.env.KAFKA_TLS === 'false'
      ? false
      : {
          ca: [readFileSync('/secrets/kafka/ca.pem', 'utf8')],
          cert: readFileSync('/secrets/kafka/client.pem', 'utf8'),
          key: readFileSync('/secrets/kafka/client-key.pem', 'utf8'),
        },
  logLevel: logLevel.WARN,
});

const consumer = kafka.consumer({ groupId: 'alert-notifier' });

async function main(): Promise<void> {
  await consumer.connect();
  await consumer.subscribe({ topics: [process.env.ALERTS_TOPIC!, process.env.DEVICE_EVENTS_TOPIC!] });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      if (!message.value) return;
      const alert = JSON.parse(message.value.toString()) as Alert;
      if (topic === process.env.DEVICE_EVENTS_TOPIC && alert.severity !== 'fault') return;
      await notify(alert);
    },
  });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    consumer
      .disconnect()
      .catch((err) => log.error({ err }, 'disconnect failed'))
      .finally(() => process.exit(0));
  });
}

main().catch((err) => {
  log.error({ err }, 'alert-notifier stopped');
  process.exit(1);
});
