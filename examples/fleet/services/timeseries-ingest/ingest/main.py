"""Database ingestion: copies enriched meter readings and 5-minute load aggregates into ClickHouse.

Offsets are committed only after a batch is in ClickHouse, so a restart re-reads at most one batch.
"""
import json
import logging
import os
import signal
import time

from confluent_kafka import Consumer, KafkaError, Producer

from ingest.clickhouse_sink import ClickHouseSink

log = logging.getLogger("timeseries-ingest")

BATCH_SIZE = int(os.environ.get("BATCH_SIZE", "5000"))
BATCH_SECONDS = float(os.environ.get("BATCH_SECONDS", "2.0"))


def tls_settings() -> dict:
    return {
        "security.protocol": "SSL",
        "ssl.ca.location": os.environ.get("KAFKA_CA_FILE", "/secrets/kafka/ca.pem"),
        "ssl.certificate.location": os.environ.get("KAFKA_CERT_FILE", "/secrets/kafka/client.pem"),
        "ssl.key.location": os.environ.get("KAFKA_KEY_FILE", "/secrets/kafka/client-key.pem"),
    }


def build_consumer() -> Consumer:
    return Consumer({
        "bootstrap.servers": os.environ["KAFKA_BROKERS"],
        "group.id": "timeseries-ingest",
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        "max.poll.interval.ms": 300000,
        **tls_settings(),
    })


def build_dead_letter_producer() -> Producer:
    return Producer({
        "bootstrap.servers": os.environ["KAFKA_BROKERS"],
        "acks": "all",
        "linger.ms": 50,
        **tls_settings(),
    })


def run() -> None:
    sink = ClickHouseSink.from_env()
    consumer = build_consumer()
    dead_letters = build_dead_letter_producer()
    consumer.subscribe([os.environ["READINGS_TOPIC"], os.environ["AGGREGATES_TOPIC"]])

    stopping = False

    def stop(*_args):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    batch: list = []
    started = time.monotonic()
    while not stopping:
        msg = consumer.poll(0.5)
        if msg is not None:
            if msg.error():
                if msg.error().code() != KafkaError._PARTITION_EOF:
                    log.error("kafka error: %s", msg.error())
                continue
            try:
                batch.append((msg.topic(), json.loads(msg.value())))
            except (ValueError, TypeError) as err:
                log.warning("undecodable record at %s[%d]@%d: %s", msg.topic(), msg.partition(), msg.offset(), err)
                dead_letters.produce(os.environ["DLQ_TOPIC"], key=msg.key(), value=msg.value())
        if batch and (len(batch) >= BATCH_SIZE or time.monotonic() - started >= BATCH_SECONDS):
            sink.insert(batch)
            consumer.commit(asynchronous=False)
            batch.clear()
            started = time.monotonic()
        dead_letters.poll(0)

    dead_letters.flush(10)
    consumer.close()


if __name__ == "__main__":
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))
    run()
