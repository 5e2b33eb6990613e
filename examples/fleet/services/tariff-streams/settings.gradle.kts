rootProject.name = "tariff-streams"
