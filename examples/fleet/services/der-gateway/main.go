// der-gateway turns accepted market bids into setpoints for distributed energy resources (home
// batteries, EV chargers) and publishes what the resources report back.
package main

import (
	"context"
	"crypto/tls"
	"flag"
	"log"
	"os"
	"strings"

	"github.com/twmb/franz-go/pkg/kgo"
)

// The topics the gateway reads and writes.
const (
	// Bids accepted by the market: each becomes a setpoint for the distributed energy resources.
	bidsTopic = "market.bids"
	// Telemetry reported back by the resources after each setpoint.
	telemetryTopic = "der.telemetry"
)

func main() {
	brokers := flag.String("brokers", os.Getenv("KAFKA_BROKERS"), "comma-separated seed brokers")
	flag.Parse()

	cl, err := kgo.NewClient(
		kgo.SeedBrokers(strings.Split(*brokers, ",")...),
		kgo.ConsumerGroup("der-gateway"),
		kgo.ConsumeTopics(bidsTopic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
		kgo.DialTLSConfig(&tls.Config{MinVersion: tls.VersionTLS12}),
	)
	if err != nil {
		log.Fatalf("kafka client: %v", err)
	}
	defer cl.Close()

	ctx := context.Background()
	for {
		fetches := cl.PollFetches(ctx)
		fetches.EachRecord(func(r *kgo.Record) {
			report := dispatchSetpoint(r.Value)
			cl.Produce(ctx, &kgo.Record{Topic: telemetryTopic, Key: r.Key, Value: report}, nil)
		})
	}
}

func dispatchSetpoint(bid []byte) []byte {
	return append([]byte(`{"accepted":`), append(bid, '}')...)
}
