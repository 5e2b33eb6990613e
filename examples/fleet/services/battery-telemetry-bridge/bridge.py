"""Publishes battery telemetry as meter readings, so batteries and meters share one pipeline."""
import json
import os
import time

from confluent_kafka import Producer

from vendor_api import latest_telemetry

POLL_SECONDS = int(os.environ.get("POLL_SECONDS", "60"))


def to_reading(item: dict) -> dict:
    return {
        "meter_id": f"bat-{item['serial']}",
        "site_id": item["site_ref"],
        "ts": item["measured_at"],
        "kw": -item["ac_power_w"] / 1000.0,
        "kwh": item["lifetime_discharge_wh"] / 1000.0,
        "soc": item["state_of_charge"],
        "source": "battery-vendor",
    }


def main() -> None:
    producer = Producer({
        "bootstrap.servers": os.environ["KAFKA_BROKERS"],
        "client.id": "battery-telemetry-bridge",
        "acks": "all",
        "linger.ms": 100,
        "compression.type": "zstd",
    })
    while True:
        started = time.monotonic()
        for item in latest_telemetry():
            reading = to_reading(item)
            producer.produce(os.environ["OUTPUT_TOPIC"], key=reading["meter_id"], value=json.dumps(reading))
            producer.poll(0)
        producer.flush(30)
        time.sleep(max(0.0, POLL_SECONDS - (time.monotonic() - started)))


if __name__ == "__main__":
    main()
