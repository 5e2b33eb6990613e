from ingest.clickhouse_sink import TABLES


def test_every_subscribed_topic_has_a_table():
    assert set(TABLES) == {"meter.readings.enriched", "load.aggregates.5m"}
