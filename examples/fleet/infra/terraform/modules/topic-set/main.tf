# One domain's topics, declared the same way: named <domain>.<name>, plus its dead-letter topics.

resource "kafka_topic" "this" {
  for_each = var.topics

  name               = "${var.domain}.${each.key}"
  partitions         = each.value
  replication_factor = var.replication_factor
}

resource "kafka_topic" "dead_letter" {
  count = var.dead_letter_topics

  name               = "${var.domain}.dead-letter-${count.index}"
  partitions         = 1
  replication_factor = var.replication_factor
}
