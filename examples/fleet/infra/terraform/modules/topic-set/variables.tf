variable "domain" {
  description = "Prefix of every topic of the set: <domain>.<name>."
  type        = string
}

variable "topics" {
  description = "Topic name (without the domain) to partition count."
  type        = map(number)
}

variable "replication_factor" {
  type    = number
  default = 3
}

variable "dead_letter_topics" {
  description = "How many dead-letter topics (<domain>.dead-letter-<n>) the domain keeps; most keep none."
  type        = number
  default     = 0
}
