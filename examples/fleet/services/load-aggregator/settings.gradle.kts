rootProject.name = "load-aggregator"
