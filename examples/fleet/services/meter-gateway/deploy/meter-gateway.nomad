job "meter-gateway" {
  datacenters = ["us-east-1"]
  type        = "service"

  group "gateway" {
    count = 3

    task "gateway" {
      driver = "docker"

      config {
        image = "registry.example.internal/meter-gateway:6.0.1"
      }

      env {
        KAFKA_PEERS  = "kafka1.prod.example.internal:9092,kafka2.prod.example.internal:9092,kafka3.prod.example.internal:9092"
        OUTPUT_TOPIC = "meter.readings.raw"
        MQTT_TOPIC   = "meters/+/readings"
      }

      template {
        data        = <<EOH
MQTT_URL=ssl://{{ key "mqtt/prod/endpoint" }}:8883
EOH
        destination = "local/mqtt.env"
        env         = true
      }

      resources {
        cpu    = 500
        memory = 256
      }
    }
  }
}
