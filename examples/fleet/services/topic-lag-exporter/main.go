// topic-lag-exporter publishes consumer group lag per topic and partition as Prometheus metrics.
// It only reads cluster metadata and committed offsets: it neither produces nor consumes records.
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/IBM/sarama"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

var lag = prometheus.NewGaugeVec(prometheus.GaugeOpts{
	Name: "kafka_consumergroup_lag",
	Help: "High watermark minus committed offset.",
}, []string{"group", "topic", "partition"})

type fileConfig struct {
	Kafka struct {
		Brokers []string `json:"brokers"`
	} `json:"kafka"`
	Interval string `json:"interval"`
}

func brokers() []string {
	if v := os.Getenv("KAFKA_BROKERS"); v != "" {
		return strings.Split(v, ",")
	}
	raw, err := os.ReadFile(os.Getenv("EXPORTER_CONFIG"))
	if err != nil {
		log.Fatalf("no KAFKA_BROKERS and no config file: %v", err)
	}
	var cfg fileConfig
	if err := json.Unmarshal(raw, &cfg); err != nil {
		log.Fatalf("config: %v", err)
	}
	return cfg.Kafka.Brokers
}

func collect(client sarama.Client, admin sarama.ClusterAdmin) {
	groups, err := admin.ListConsumerGroups()
	if err != nil {
		log.Printf("list groups: %v", err)
		return
	}
	for group := range groups {
		offsets, err := admin.ListConsumerGroupOffsets(group, nil)
		if err != nil {
			continue
		}
		for topic, partitions := range offsets.Blocks {
			for partition, block := range partitions {
				if block.Offset < 0 {
					continue
				}
				high, err := client.GetOffset(topic, partition, sarama.OffsetNewest)
				if err != nil {
					continue
				}
				lag.WithLabelValues(group, topic, itoa(partition)).Set(float64(high - block.Offset))
			}
		}
	}
}

func itoa(p int32) string {
	b, _ := json.Marshal(p)
	return string(b)
}

func main() {
	cfg := sarama.NewConfig()
	cfg.Version = sarama.V1_0_0_0
	client, err := sarama.NewClient(brokers(), cfg)
	if err != nil {
		log.Fatalf("client: %v", err)
	}
	admin, err := sarama.NewClusterAdminFromClient(client)
	if err != nil {
		log.Fatalf("admin: %v", err)
	}
	prometheus.MustRegister(lag)

	go func() {
		for {
			collect(client, admin)
			time.Sleep(30 * time.Second)
		}
	}()

	http.Handle("/metrics", promhttp.Handler())
	log.Fatal(http.ListenAndServe(":9308", nil))
}
