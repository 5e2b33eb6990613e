'use strict';

const fs = require('node:fs');
const { Kafka } = require('kafkajs');
const { pollFeeds } = require('./iso-client');

const INTERVAL_MS = Number(process.env.POLL_INTERVAL_MS || 30000);

const kafka = new Kafka({
  clientId: 'grid-signal-poller',
  brokers: process.env.KAFKA_BROKERS.split(','),
  ssl: {
    ca: [fs.readFileSync('/secrets/kafka/ca.pem', 'utf8')],
    cert: fs.readFileSync('/secrets/kafka/client.pem', 'utf8'),
    key: fs.readFileSync('/secrets/kafka/client-key.pem', 'utf8'),
  },
});

const producer = kafka.producer({ allowAutoTopicCreation: false });
const seen = new Map();

async function tick() {
  const { signals, failures } = await pollFeeds();
  const fresh = signals.filter((s) => seen.get(s.signalId) !== JSON.stringify(s));
  if (fresh.length > 0) {
    await producer.send({
      topic: process.env.SIGNALS_TOPIC,
      acks: -1,
      messages: fresh.map((s) => ({ key: s.signalId, value: JSON.stringify(s) })),
    });
    for (const s of fresh) seen.set(s.signalId, JSON.stringify(s));
  }
  if (failures.length > 0) {
    await producer.send({
      topic: process.env.ALERTS_TOPIC,
      messages: failures.map((f) => ({
        key: f.operator,
        value: JSON.stringify({
          id: `feed-${f.operator}-${Date.now()}`,
          siteId: f.operator,
          severity: 'warning',
          summary: `signal feed unavailable: ${f.message}`,
          occurredAt: new Date().toISOString(),
        }),
      })),
    });
  }
}

async function main() {
  await producer.connect();
  for (;;) {
    await tick().catch((err) => console.error('poll failed', err));
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
