-- Kafka engine tables: ClickHouse consumes these topics itself, one consumer group per table.
CREATE TABLE ops.outage_reports_queue
(
    resource String,
    state LowCardinality(String)
)
ENGINE = Kafka
SETTINGS kafka_broker_list = 'b-1.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094,b-2.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094,b-3.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094',
         kafka_topic_list = 'outage.reports',
         kafka_group_name = 'grid-analytics-outages',
         kafka_format = 'JSONEachRow';

CREATE TABLE ops.heartbeats_queue (site String, at DateTime64(3))
ENGINE = Kafka('b-1.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094,b-2.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094,b-3.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094', 'site.heartbeats', 'grid-analytics-heartbeats', 'JSONEachRow');

CREATE MATERIALIZED VIEW ops.outage_reports_mv TO ops.outage_reports AS SELECT * FROM ops.outage_reports_queue;
CREATE MATERIALIZED VIEW ops.heartbeats_mv TO ops.heartbeats AS SELECT * FROM ops.heartbeats_queue;
