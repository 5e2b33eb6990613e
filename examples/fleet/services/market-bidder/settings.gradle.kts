rootProject.name = "market-bidder"
