job "der-gateway" {
  datacenters = ["us-east-1"]
  namespace   = "prod"

  group "gateway" {
    count = 2

    task "gateway" {
      driver = "docker"

      config {
        image = "registry.example.internal/der-gateway:0.6.2"
      }

      # Prod brokers live in Consul, written by the platform team's cutover runbook.
      template {
        data        = <<EOH
KAFKA_BROKERS={{ key "der-gateway/prod/kafka-brokers" }}
EOH
        destination = "local/kafka.env"
        env         = true
      }
    }
  }
}
