job "topic-lag-exporter" {
  datacenters = ["us-east-1"]
  type        = "service"

  group "exporter" {
    count = 1

    network {
      port "metrics" {
        static = 9308
      }
    }

    task "exporter" {
      driver = "docker"

      config {
        image = "registry.example.internal/topic-lag-exporter:0.4.0"
        ports = ["metrics"]
      }

      env {
        KAFKA_BROKERS = "kafka1.prod.example.internal:9092,kafka2.prod.example.internal:9092,kafka3.prod.example.internal:9092"
        # Old consumers of Kafka 1.0 still keep offsets in ZooKeeper; the dashboard reads both.
        ZOOKEEPER_CONNECT = "zookeeper1.prod.example.internal:2181,zookeeper2.prod.example.internal:2181,zookeeper3.prod.example.internal:2181"
      }

      service {
        name = "topic-lag-exporter"
        port = "metrics"
        tags = ["prometheus"]
      }

      resources {
        cpu    = 100
        memory = 64
      }
    }
  }
}
