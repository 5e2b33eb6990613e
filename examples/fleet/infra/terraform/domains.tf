# Topics of the services built after the move began, one module call per domain.

module "tariff_topics" {
  source = "./modules/topic-set"

  domain = "tariff"
  topics = var.tariff_topics
}

module "market_topics" {
  source = "./modules/topic-set"

  domain             = "market"
  topics             = { "prices" = 6, "bids" = 6 }
  dead_letter_topics = 1
}

module "billing_topics" {
  source = "./modules/topic-set"

  domain = "billing"
  topics = { "tariffed" = 6 }
}

module "der_topics" {
  source = "./modules/topic-set"

  domain = "der"
  topics = { "telemetry" = 12 }
}

module "outage_topics" {
  source = "./modules/topic-set"

  domain = "outage"
  topics = { "reports" = 3 }
}

module "site_topics" {
  source = "./modules/topic-set"

  domain = "site"
  topics = { "heartbeats" = 6 }
}
