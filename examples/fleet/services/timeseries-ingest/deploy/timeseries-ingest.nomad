job "timeseries-ingest" {
  datacenters = ["us-east-1"]
  type        = "service"

  group "ingest" {
    count = 3

    task "ingest" {
      driver = "docker"

      config {
        image = "registry.example.internal/timeseries-ingest:2.4.1"
      }

      env {
        KAFKA_BROKERS    = "b-1.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094,b-2.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094,b-3.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094"
        READINGS_TOPIC   = "meter.readings.enriched"
        AGGREGATES_TOPIC = "load.aggregates.5m"
        DLQ_TOPIC        = "timeseries.ingest.dlq"
        CLICKHOUSE_HOST  = "clickhouse.prod.example.internal"
      }

      template {
        data        = <<EOH
KAFKA_CA_FILE=/secrets/kafka/ca.pem
KAFKA_CERT_FILE=/secrets/kafka/client.pem
KAFKA_KEY_FILE=/secrets/kafka/client-key.pem
CLICKHOUSE_PASSWORD={{ with secret "secret/data/timeseries-ingest" }}{{ .Data.data.clickhouse_password }}{{ end }}
EOH
        destination = "secrets/app.env"
        env         = true
      }

      resources {
        cpu    = 1000
        memory = 1024
      }
    }
  }
}
