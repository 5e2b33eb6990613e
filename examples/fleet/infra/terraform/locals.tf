locals {
  # Demand-response topics share this prefix.
  prefix = "dr"

  default_replication_factor = 3

  # Meter readings: partitions sized for the busiest meters (one partition key per site).
  meter_topics = {
    "meter.readings.raw"       = 24
    "meter.readings.validated" = 24
    "meter.readings.enriched"  = 12
  }

  retention_7d  = "604800000"
  retention_30d = "2592000000"
}
