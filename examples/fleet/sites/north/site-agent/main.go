// site-agent runs on the edge computer of each substation site and reports it alive once a second.
// Its [kafka] section is handed to librdkafka as it stands, so every client setting lives in the ini file.
package main

import (
	"encoding/json"
	"log"
	"os"
	"time"

	"github.com/confluentinc/confluent-kafka-go/v2/kafka"
	"gopkg.in/ini.v1"
)

func main() {
	cfg, err := ini.Load(os.Args[1])
	if err != nil {
		log.Fatalf("config: %v", err)
	}
	conf := kafka.ConfigMap{}
	for _, key := range cfg.Section("kafka").Keys() {
		conf[key.Name()] = key.Value()
	}
	p, err := kafka.NewProducer(&conf)
	if err != nil {
		log.Fatalf("producer: %v", err)
	}
	site := cfg.Section("site").Key("name").String()
	topic := "site.heartbeats"
	for range time.Tick(time.Second) {
		beat, _ := json.Marshal(map[string]any{"site": site, "at": time.Now().UnixMilli()})
		p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny}, Value: beat}, nil)
	}
}
