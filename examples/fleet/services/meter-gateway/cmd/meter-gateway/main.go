// meter-gateway bridges meter readings from MQTT into Kafka, keyed by meter id.
package main

import (
	"log"
	"os"
	"os/signal"
	"syscall"

	"github.com/IBM/sarama"
	"github.com/example/fleet/services/meter-gateway/internal/config"
	"github.com/example/fleet/services/meter-gateway/internal/mqtt"
)

func main() {
	cfg := config.FromEnv()

	kcfg := sarama.NewConfig()
	kcfg.Version = sarama.V1_0_0_0
	kcfg.Producer.RequiredAcks = sarama.WaitForAll
	kcfg.Producer.Compression = sarama.CompressionSnappy
	kcfg.Producer.Flush.Frequency = cfg.FlushEvery
	kcfg.Producer.Flush.MaxMessages = cfg.MaxBatchSize
	kcfg.Producer.Return.Errors = true

	producer, err := sarama.NewAsyncProducer(cfg.Brokers, kcfg)
	if err != nil {
		log.Fatalf("producer: %v", err)
	}
	defer producer.Close()

	go func() {
		for perr := range producer.Errors() {
			log.Printf("produce failed for %v: %v", perr.Msg.Key, perr.Err)
		}
	}()

	readings := make(chan mqtt.Reading, 10000)
	client, err := mqtt.Subscribe(cfg.MQTTURL, cfg.MQTTTopic, readings)
	if err != nil {
		log.Fatalf("mqtt: %v", err)
	}
	defer client.Disconnect(250)

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)

	for {
		select {
		case r := <-readings:
			producer.Input() <- &sarama.ProducerMessage{
				Topic: os.Getenv("OUTPUT_TOPIC"),
				Key:   sarama.StringEncoder(r.MeterID),
				Value: sarama.ByteEncoder(r.Payload),
			}
		case <-stop:
			return
		}
	}
}
