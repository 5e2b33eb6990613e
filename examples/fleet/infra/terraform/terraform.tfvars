tariff_topics = {
  "rates" = 3
}
