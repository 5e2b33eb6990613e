job "der-gateway-dev" {
  datacenters = ["us-east-1"]
  namespace   = "dev"

  group "gateway" {
    task "gateway" {
      driver = "docker"

      config {
        image = "registry.example.internal/der-gateway:0.6.2"
      }

      env {
        KAFKA_BROKERS = "b-1.dev.ef34gh.c2.kafka.us-east-1.amazonaws.com:9094,b-2.dev.ef34gh.c2.kafka.us-east-1.amazonaws.com:9094,b-3.dev.ef34gh.c2.kafka.us-east-1.amazonaws.com:9094"
      }

      # The health check's kafka CLI reads its brokers from the environment too.
      template {
        data        = <<EOH
HEALTHCHECK_BROKERS={{ env "KAFKA_BROKERS" }}
EOH
        destination = "local/healthcheck.env"
        env         = true
      }
    }
  }
}
