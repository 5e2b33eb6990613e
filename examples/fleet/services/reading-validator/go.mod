module github.com/example/fleet/services/reading-validator

go 1.22

require github.com/IBM/sarama v1.43.3
