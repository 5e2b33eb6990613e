"""Publishes outage reports with the plain (blocking) client: reports are rare and must not be lost."""
import json
import os

from kafka import KafkaProducer

REPORTS_TOPIC = "outage.reports"

_producer = KafkaProducer(
    bootstrap_servers=os.environ["KAFKA_BOOTSTRAP_SERVERS"],
    security_protocol="SSL",
    ssl_certfile="/etc/kafka/tls/client.pem",
    acks="all",
    value_serializer=lambda v: json.dumps(v).encode(),
)


def report(resource: str, state: str) -> None:
    _producer.send(REPORTS_TOPIC, {"resource": resource, "state": state}).get(timeout=10)
