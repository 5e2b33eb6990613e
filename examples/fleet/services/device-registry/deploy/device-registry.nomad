job "device-registry" {
  datacenters = ["us-east-1"]
  type        = "service"

  group "registry" {
    count = 2

    network {
      port "http" {
        to = 8080
      }
    }

    task "registry" {
      driver = "docker"

      config {
        image = "registry.example.internal/device-registry:1.12.0"
        ports = ["http"]
      }

      env {
        INPUT_TOPIC     = "device.provisioning.requests"
        OUTPUT_TOPIC    = "device.events"
        KAFKA_CA_FILE   = "/secrets/kafka/ca.pem"
        KAFKA_CERT_FILE = "/secrets/kafka/client.pem"
        KAFKA_KEY_FILE  = "/secrets/kafka/client-key.pem"
      }

      template {
        data        = <<EOH
KAFKA_BROKERS=b-1.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094,b-2.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094,b-3.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094
DATABASE_URL={{ with secret "database/creds/device-registry" }}postgres://{{ .Data.username }}:{{ .Data.password }}@devices-db.prod.example.internal:5432/devices{{ end }}
EOH
        destination = "secrets/app.env"
        env         = true
      }

      resources {
        cpu    = 300
        memory = 256
      }
    }
  }
}
