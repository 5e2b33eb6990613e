job "meter-replay" {
  datacenters = ["us-east-1"]
  namespace   = "prod"
  type        = "batch"

  parameterized {
    meta_required = ["ARCHIVE_DAY"]
  }

  group "replay" {
    task "replay" {
      driver = "docker"

      config {
        image = "registry.example.internal/meter-replay:0.3.0"
        args  = ["s3://fleet-lake-raw/meter.readings.raw/${NOMAD_META_ARCHIVE_DAY}/"]
      }

      env {
        REPLAY_KAFKA_BROKERS = "kafka1.prod.example.internal:9092,kafka2.prod.example.internal:9092,kafka3.prod.example.internal:9092"
      }
    }
  }
}
