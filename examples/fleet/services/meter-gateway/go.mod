module github.com/example/fleet/services/meter-gateway

go 1.22

require (
	github.com/IBM/sarama v1.43.3
	github.com/eclipse/paho.mqtt.golang v1.5.0
)
