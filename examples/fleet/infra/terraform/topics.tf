# Every topic a service uses must be declared here: MSK runs with auto.create.topics.enable=false.

resource "kafka_topic" "meter_readings" {
  for_each = local.meter_topics

  name               = each.key
  partitions         = each.value
  replication_factor = local.default_replication_factor

  config = {
    "retention.ms"     = local.retention_7d
    "cleanup.policy"   = "delete"
    "compression.type" = "zstd"
  }
}

resource "kafka_topic" "load_aggregates_5m" {
  name               = "load.aggregates.5m"
  partitions         = 6
  replication_factor = 3

  config = {
    "retention.ms"   = local.retention_30d
    "cleanup.policy" = "delete"
  }
}

resource "kafka_topic" "grid_signals" {
  name               = "grid.signals"
  partitions         = 3
  replication_factor = 3
}

resource "kafka_topic" "grid_alerts" {
  name               = "grid.alerts"
  partitions         = 3
  replication_factor = 3
}

resource "kafka_topic" "dr_events" {
  name               = "${local.prefix}.events"
  partitions         = 6
  replication_factor = 3

  config = {
    "cleanup.policy" = "compact"
  }
}

resource "kafka_topic" "dispatch_commands" {
  name               = "dispatch.commands"
  partitions         = 6
  replication_factor = 3

  config = {
    "min.insync.replicas" = "2"
  }
}

resource "kafka_topic" "device" {
  for_each = toset([
    "device.events",
    "device.provisioning.requests",
    "timeseries.ingest.dlq",
  ])

  name               = each.value
  partitions         = 6
  replication_factor = local.default_replication_factor
}
