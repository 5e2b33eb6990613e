job "dispatch-planner" {
  datacenters = ["us-east-1"]
  namespace   = "dev"
  type        = "service"

  group "planner" {
    count = 2

    task "planner" {
      driver = "docker"

      config {
        image = "registry.example.internal/dispatch-planner:2.2.0"
      }

      env {
        KAFKA_BROKERS           = "b-1.dev.ef34gh.c2.kafka.us-east-1.amazonaws.com:9094,b-2.dev.ef34gh.c2.kafka.us-east-1.amazonaws.com:9094,b-3.dev.ef34gh.c2.kafka.us-east-1.amazonaws.com:9094"
        KAFKA_SECURITY_PROTOCOL = "SSL"
        SPRING_PROFILES_ACTIVE  = "dev"
      }

      template {
        data        = <<EOH
JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75
{{ with secret "secret/data/dispatch-planner" }}SPRING_KAFKA_SSL_KEY_STORE_PASSWORD={{ .Data.data.keystore_password }}{{ end }}
EOH
        destination = "secrets/jvm.env"
        env         = true
      }

      resources {
        cpu    = 500
        memory = 768
      }
    }
  }
}
