job "audit-archiver" {
  datacenters = ["us-east-1"]
  type        = "service"

  group "archiver" {
    count = 1

    task "archiver" {
      driver = "docker"

      config {
        image = "registry.example.internal/audit-archiver:1.3.0"
      }

      env {
        KAFKA_BROKERS  = "kafka1.prod.example.internal:9092,kafka2.prod.example.internal:9092,kafka3.prod.example.internal:9092"
        INPUT_TOPIC    = "dispatch.commands"
        ARCHIVE_BUCKET = "fleet-dispatch-audit-prod"
      }

      template {
        data        = <<EOH
AWS_REGION=us-east-1
{{ with secret "aws/creds/audit-archiver" }}AWS_ACCESS_KEY_ID={{ .Data.access_key }}
AWS_SECRET_ACCESS_KEY={{ .Data.secret_key }}{{ end }}
EOH
        destination = "secrets/aws.env"
        env         = true
      }

      resources {
        cpu    = 200
        memory = 256
      }
    }
  }
}
