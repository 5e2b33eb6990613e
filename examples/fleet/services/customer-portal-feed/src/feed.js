'use strict';

const fs = require('node:fs');
const { Kafka } = require('kafkajs');
const { pushToPortal } = require('./push');

const brokers = process.env.KAFKA_BROKERS.split(',');
const useTls = process.env.KAFKA_TLS !== 'false';

const kafka = new Kafka({
  clientId: 'customer-portal-feed',
  brokers,
  ssl: useTls
    ? {
        ca: [fs.readFileSync(process.env.KAFKA_CA_FILE, 'utf8')],
        cert: fs.readFileSync(process.env.KAFKA_CERT_FILE, 'utf8'),
        key: fs.readFileSync(process.env.KAFKA_KEY_FILE, 'utf8'),
      }
    : false,
});

const consumer = kafka.consumer({ groupId: 'customer-portal-feed', sessionTimeout: 30000 });

async function start() {
  await consumer.connect();
  // Re-read from the start on a new group: pushes are idempotent per event id and version.
  await consumer.subscribe({ topic: process.env.INPUT_TOPIC, fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: 3,
    eachMessage: async ({ message }) => {
      if (!message.value) return;
      const event = JSON.parse(message.value.toString());
      if (event.status !== 'scheduled' && event.status !== 'cancelled') return;
      await pushToPortal(event);
    },
  });
}

start().catch((err) => {
  console.error('customer-portal-feed failed', err);
  process.exit(1);
});

process.on('SIGTERM', () => {
  consumer.disconnect().finally(() => process.exit(0));
});
