"""Batches rows into the ClickHouse tables, one table per source topic."""
import os
from dataclasses import dataclass

import clickhouse_connect

TABLES = {
    "meter.readings.enriched": "meter_readings",
    "load.aggregates.5m": "load_aggregates_5m",
}

READING_COLUMNS = ["site_id", "meter_id", "ts", "kw", "kwh", "quality", "tariff_zone"]
AGGREGATE_COLUMNS = ["site_id", "window_start", "window_end", "avg_kw", "max_kw", "samples"]


@dataclass
class ClickHouseSink:
    client: "clickhouse_connect.driver.Client"
    database: str

    @classmethod
    def from_env(cls) -> "ClickHouseSink":
        client = clickhouse_connect.get_client(
            host=os.environ["CLICKHOUSE_HOST"],
            port=int(os.environ.get("CLICKHOUSE_PORT", "8443")),
            username=os.environ.get("CLICKHOUSE_USER", "ingest"),
            password=os.environ["CLICKHOUSE_PASSWORD"],
            secure=True,
        )
        return cls(client=client, database=os.environ.get("CLICKHOUSE_DATABASE", "telemetry"))

    def insert(self, batch: list) -> None:
        by_table: dict = {}
        for topic, record in batch:
            table = TABLES.get(topic)
            if table is None:
                continue
            columns = READING_COLUMNS if table == "meter_readings" else AGGREGATE_COLUMNS
            by_table.setdefault(table, []).append([record.get(c) for c in columns])
        for table, rows in by_table.items():
            columns = READING_COLUMNS if table == "meter_readings" else AGGREGATE_COLUMNS
            self.client.insert(f"{self.database}.{table}", rows, column_names=columns)
