module github.com/example/fleet/services/site-controller-sync

go 1.22

require (
	github.com/IBM/sarama v1.43.3
	github.com/goburrow/modbus v0.1.0
)
