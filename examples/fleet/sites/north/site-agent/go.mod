module github.com/example/fleet/sites/north/site-agent

go 1.22

require (
	github.com/confluentinc/confluent-kafka-go/v2 v2.5.0
	gopkg.in/ini.v1 v1.67.0
)
