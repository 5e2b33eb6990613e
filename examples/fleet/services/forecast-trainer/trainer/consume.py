"""Collects 5-minute load aggregates into daily training frames for the site load forecaster."""
import json
import os
from collections import defaultdict

from confluent_kafka import Consumer

from trainer.model import train_and_publish

FLUSH_EVERY = int(os.environ.get("FLUSH_EVERY", "50000"))


def main() -> None:
    consumer = Consumer({
        "bootstrap.servers": os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "kafka1.dev.example.internal:9092,kafka2.dev.example.internal:9092,kafka3.dev.example.internal:9092"),
        "group.id": "forecast-trainer",
        "auto.offset.reset": "earliest",
        "enable.auto.commit": True,
    })
    consumer.subscribe([os.environ["INPUT_TOPIC"]])

    frames = defaultdict(list)
    seen = 0
    try:
        while True:
            msg = consumer.poll(1.0)
            if msg is None or msg.error():
                continue
            row = json.loads(msg.value())
            frames[row["site_id"]].append(row)
            seen += 1
            if seen % FLUSH_EVERY == 0:
                train_and_publish(frames)
                frames.clear()
    finally:
        consumer.close()


if __name__ == "__main__":
    main()
