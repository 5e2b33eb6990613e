"""Adds site metadata and tariff zone to each validated reading; see config/<env>.json."""
import json
import os
import sys

from confluent_kafka import Consumer, Producer

from enricher.sites import SiteDirectory


def load_config() -> dict:
    path = os.environ.get("ENRICHER_CONFIG", f"config/{os.environ.get('APP_ENV', 'dev')}.json")
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def main() -> None:
    cfg = load_config()
    consumer = Consumer({
        **cfg["kafka"],
        "group.id": "reading-enricher",
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
    })
    producer = Producer({**cfg["kafka"], "acks": "all", "enable.idempotence": False})
    sites = SiteDirectory(cfg["sites_dsn"])

    consumer.subscribe([cfg["topics"]["input"]])
    try:
        while True:
            msg = consumer.poll(1.0)
            if msg is None:
                continue
            if msg.error():
                print(f"kafka error: {msg.error()}", file=sys.stderr)
                continue
            reading = json.loads(msg.value())
            site = sites.lookup(reading["site_id"])
            if site is None:
                consumer.commit(message=msg, asynchronous=True)
                continue
            reading.update(tariff_zone=site.tariff_zone, utility=site.utility, baseline_kw=site.baseline_kw)
            producer.produce(cfg["topics"]["output"], key=reading["meter_id"], value=json.dumps(reading))
            producer.poll(0)
            consumer.commit(message=msg, asynchronous=True)
    finally:
        producer.flush(10)
        consumer.close()


if __name__ == "__main__":
    main()
