variable "tariff_topics" {
  description = "Tariff domain topics and their partition counts (set in terraform.tfvars)."
  type        = map(number)
  default     = {}
}
