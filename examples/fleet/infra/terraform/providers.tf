terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.60"
    }
    kafka = {
      source  = "Mongey/kafka"
      version = "~> 0.7.1"
    }
  }

  backend "s3" {
    bucket         = "fleet-terraform-state"
    key            = "kafka/msk.tfstate"
    region         = "us-east-1"
    dynamodb_table = "fleet-terraform-locks"
    encrypt        = true
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      team    = "platform"
      service = "kafka"
    }
  }
}

# Topics and ACLs are managed on the new cluster only; the EC2 cluster auto-creates its topics.
provider "kafka" {
  bootstrap_servers = [
    "b-1.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094",
    "b-2.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094",
    "b-3.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094",
  ]
  tls_enabled     = true
  ca_cert         = file("${path.module}/certs/ca.pem")
  client_cert     = file("${path.module}/certs/terraform-client.pem")
  client_key      = file("${path.module}/certs/terraform-client-key.pem")
  skip_tls_verify = false
}

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "private_subnets" {
  type        = list(string)
  description = "One private subnet per availability zone, for the brokers."
}

variable "msk_security_group_id" {
  type = string
}

variable "private_ca_arn" {
  type        = string
  description = "ACM Private CA that issues the services' client certificates (mutual TLS)."
}
