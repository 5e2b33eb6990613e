module github.com/example/fleet/services/device-registry

go 1.22

require (
	github.com/jackc/pgx/v5 v5.6.0
	github.com/segmentio/kafka-go v0.4.47
)
