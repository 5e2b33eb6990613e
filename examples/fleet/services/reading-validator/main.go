// reading-validator drops impossible meter readings (negative energy, clock skew, stuck registers)
// and forwards the rest, keyed by meter, to the validated topic.
package main

import (
	"context"
	"encoding/json"
	"log"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/IBM/sarama"
)

func getenv(key, fallback string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return fallback
}

type validator struct {
	producer sarama.SyncProducer
	output   string
	rules    *Rules
}

func (v *validator) Setup(sarama.ConsumerGroupSession) error   { return nil }
func (v *validator) Cleanup(sarama.ConsumerGroupSession) error { return nil }

func (v *validator) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for msg := range claim.Messages() {
		var r Reading
		if err := json.Unmarshal(msg.Value, &r); err == nil && v.rules.Accept(r) {
			_, _, err := v.producer.SendMessage(&sarama.ProducerMessage{
				Topic: os.Getenv("OUTPUT_TOPIC"),
				Key:   sarama.StringEncoder(r.MeterID),
				Value: sarama.ByteEncoder(msg.Value),
			})
			if err != nil {
				return err
			}
		}
		sess.MarkMessage(msg, "")
	}
	return nil
}

func main() {
	brokers := strings.Split(getenv("KAFKA_BROKERS", "kafka1.dev.example.internal:9092,kafka2.dev.example.internal:9092,kafka3.dev.example.internal:9092"), ",")

	cfg := sarama.NewConfig()
	cfg.Version = sarama.V1_0_0_0
	cfg.Consumer.Offsets.Initial = sarama.OffsetOldest
	cfg.Producer.RequiredAcks = sarama.WaitForAll
	cfg.Producer.Return.Successes = true
	cfg.Producer.Idempotent = false

	producer, err := sarama.NewSyncProducer(brokers, cfg)
	if err != nil {
		log.Fatalf("producer: %v", err)
	}
	defer producer.Close()

	group, err := sarama.NewConsumerGroup(brokers, "reading-validator", cfg)
	if err != nil {
		log.Fatalf("consumer group: %v", err)
	}
	defer group.Close()

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	v := &validator{producer: producer, rules: DefaultRules()}
	for ctx.Err() == nil {
		if err := group.Consume(ctx, []string{os.Getenv("INPUT_TOPIC")}, v); err != nil {
			log.Printf("consume: %v", err)
		}
	}
}
