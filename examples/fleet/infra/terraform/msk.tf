resource "aws_msk_configuration" "fleet" {
  name           = "fleet-kafka-3-6"
  kafka_versions = ["3.6.0"]

  server_properties = <<-PROPERTIES
    auto.create.topics.enable = false
    default.replication.factor = 3
    min.insync.replicas = 2
    num.partitions = 6
    unclean.leader.election.enable = false
  PROPERTIES
}

resource "aws_msk_cluster" "prod" {
  cluster_name           = "prod"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = var.private_subnets
    security_groups = [var.msk_security_group_id]

    storage_info {
      ebs_storage_info {
        volume_size = 500
      }
    }
  }

  client_authentication {
    tls {
      certificate_authority_arns = [var.private_ca_arn]
    }
  }

  encryption_info {
    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }

  configuration_info {
    arn      = aws_msk_configuration.fleet.arn
    revision = aws_msk_configuration.fleet.latest_revision
  }

  open_monitoring {
    prometheus {
      jmx_exporter {
        enabled_in_broker = true
      }
      node_exporter {
        enabled_in_broker = true
      }
    }
  }

  tags = {
    environment = "prod"
  }
}

resource "aws_appautoscaling_target" "prod_storage" {
  max_capacity       = 2000
  min_capacity       = 1
  resource_id        = aws_msk_cluster.prod.arn
  scalable_dimension = "kafka:broker-storage:VolumeSize"
  service_namespace  = "kafka"
}

output "prod_bootstrap_brokers_tls" {
  value = aws_msk_cluster.prod.bootstrap_brokers_tls
}
