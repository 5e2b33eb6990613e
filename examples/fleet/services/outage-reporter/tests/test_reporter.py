import json
import pathlib

from kafka import KafkaProducer

FIXTURE = pathlib.Path(__file__).parent / "fixtures" / "telemetry-tripped.json"


def test_fixture_is_a_tripped_resource():
    assert json.loads(FIXTURE.read_text())["state"] == "tripped"


def test_producer_against_dev_cluster():
    # Integration check; skipped unless the dev cluster is reachable from the runner.
    producer = KafkaProducer(bootstrap_servers="kafka1.dev.example.internal:9092")
    producer.close()
