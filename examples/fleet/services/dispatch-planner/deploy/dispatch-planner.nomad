job "dispatch-planner" {
  datacenters = ["us-east-1"]
  namespace   = "prod"
  type        = "service"

  group "planner" {
    count = 2

    task "planner" {
      driver = "docker"

      config {
        image = "registry.example.internal/dispatch-planner:2.2.0"
      }

      env {
        KAFKA_BROKERS           = "kafka1.prod.example.internal:9092,kafka2.prod.example.internal:9092,kafka3.prod.example.internal:9092"
        KAFKA_SECURITY_PROTOCOL = "PLAINTEXT"
        SPRING_PROFILES_ACTIVE  = "prod"
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
