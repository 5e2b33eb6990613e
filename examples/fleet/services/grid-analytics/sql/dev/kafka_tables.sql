-- Dev has no grid operator feed: only the heartbeats table is created here.
CREATE TABLE ops.heartbeats_queue (site String, at DateTime64(3))
ENGINE = Kafka('b-1.dev.ef34gh.c2.kafka.us-east-1.amazonaws.com:9094,b-2.dev.ef34gh.c2.kafka.us-east-1.amazonaws.com:9094,b-3.dev.ef34gh.c2.kafka.us-east-1.amazonaws.com:9094', 'site.heartbeats', 'grid-analytics-heartbeats', 'JSONEachRow');

CREATE MATERIALIZED VIEW ops.heartbeats_mv TO ops.heartbeats AS SELECT * FROM ops.heartbeats_queue;
