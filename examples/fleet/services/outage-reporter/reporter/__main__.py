"""Reads resource telemetry, reports every resource that went silent or tripped as an outage."""
import asyncio
import json
import os
import ssl

from aiokafka import AIOKafkaConsumer

from reporter.publish import report

TELEMETRY_TOPIC = "der.telemetry"


async def run() -> None:
    consumer = AIOKafkaConsumer(
        TELEMETRY_TOPIC,
        bootstrap_servers=os.environ["KAFKA_BOOTSTRAP_SERVERS"],
        group_id="outage-reporter",
        auto_offset_reset="earliest",
        security_protocol="SSL",
        ssl_context=ssl.create_default_context(cafile="/etc/kafka/tls/ca.pem"),
    )
    await consumer.start()
    try:
        async for msg in consumer:
            event = json.loads(msg.value)
            if event.get("state") in ("tripped", "silent"):
                report(event["resource"], event["state"])
    finally:
        await consumer.stop()


if __name__ == "__main__":
    asyncio.run(run())
