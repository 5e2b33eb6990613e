// Package config holds the gateway's settings and their defaults for local runs.
package config

import (
	"os"
	"strings"
	"time"
)

// DefaultBrokers is the dev cluster, used when KAFKA_PEERS is not set.
var DefaultBrokers = []string{"kafka1.dev.example.internal:9092", "kafka2.dev.example.internal:9092", "kafka3.dev.example.internal:9092"}

type Config struct {
	Brokers      []string
	MQTTURL      string
	MQTTTopic    string
	FlushEvery   time.Duration
	MaxBatchSize int
}

func FromEnv() Config {
	brokers := DefaultBrokers
	if peers := os.Getenv("KAFKA_PEERS"); peers != "" {
		brokers = strings.Split(peers, ",")
	}
	return Config{
		Brokers:      brokers,
		MQTTURL:      envOr("MQTT_URL", "tcp://localhost:1883"),
		MQTTTopic:    envOr("MQTT_TOPIC", "meters/+/readings"),
		FlushEvery:   500 * time.Millisecond,
		MaxBatchSize: 1000,
	}
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
