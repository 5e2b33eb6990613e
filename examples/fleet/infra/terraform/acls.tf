# Principals are the subjects of the services' client certificates (mutual TLS).

resource "kafka_acl" "meter_gateway_write_raw" {
  resource_name       = "meter.readings.raw"
  resource_type       = "Topic"
  acl_principal       = "User:CN=meter-gateway"
  acl_host            = "*"
  acl_operation       = "Write"
  acl_permission_type = "Allow"
}

resource "kafka_acl" "timeseries_ingest_read_enriched" {
  resource_name       = "meter.readings.enriched"
  resource_type       = "Topic"
  acl_principal       = "User:CN=timeseries-ingest"
  acl_host            = "*"
  acl_operation       = "Read"
  acl_permission_type = "Allow"
}

resource "kafka_acl" "timeseries_ingest_group" {
  resource_name       = "timeseries-ingest"
  resource_type       = "Group"
  acl_principal       = "User:CN=timeseries-ingest"
  acl_host            = "*"
  acl_operation       = "Read"
  acl_permission_type = "Allow"
}

resource "kafka_acl" "grid_signal_poller_write_signals" {
  resource_name       = "grid.signals"
  resource_type       = "Topic"
  acl_principal       = "User:CN=grid-signal-poller"
  acl_host            = "*"
  acl_operation       = "Write"
  acl_permission_type = "Allow"
}

resource "kafka_acl" "dr_prefixed_read" {
  resource_name                = "${local.prefix}."
  resource_type                = "Topic"
  resource_pattern_type_filter = "Prefixed"
  acl_principal                = "User:CN=dispatch-planner"
  acl_host                     = "*"
  acl_operation                = "Read"
  acl_permission_type          = "Allow"
}
