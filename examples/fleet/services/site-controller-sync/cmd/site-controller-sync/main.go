// site-controller-sync forwards dispatch commands to the on-site controllers over Modbus/TCP.
package main

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"log"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/IBM/sarama"
	"github.com/example/fleet/services/site-controller-sync/internal/modbus"
)

type command struct {
	SiteID     string  `json:"site_id"`
	Register   uint16  `json:"register"`
	SetpointKW float64 `json:"setpoint_kw"`
}

type handler struct {
	controllers *modbus.Pool
}

func (h *handler) Setup(sarama.ConsumerGroupSession) error   { return nil }
func (h *handler) Cleanup(sarama.ConsumerGroupSession) error { return nil }

func (h *handler) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for msg := range claim.Messages() {
		var cmd command
		if err := json.Unmarshal(msg.Value, &cmd); err != nil {
			log.Printf("skipping malformed command at offset %d: %v", msg.Offset, err)
			sess.MarkMessage(msg, "")
			continue
		}
		if err := h.controllers.WriteSetpoint(cmd.SiteID, cmd.Register, cmd.SetpointKW); err != nil {
			return err
		}
		sess.MarkMessage(msg, "")
	}
	return nil
}

func main() {
	cfg := sarama.NewConfig()
	cfg.Version = sarama.V2_8_0_0
	cfg.Consumer.Offsets.Initial = sarama.OffsetOldest
	cfg.Consumer.Group.Rebalance.GroupStrategies = []sarama.BalanceStrategy{sarama.NewBalanceStrategySticky()}
	cfg.Net.TLS.Enable = true
	cfg.Net.TLS.Config = loadClientTLS()

	brokers := strings.Split(os.Getenv("KAFKA_BROKERS"), ",")
	group, err := sarama.NewConsumerGroup(brokers, "site-controller-sync", cfg)
	if err != nil {
		log.Fatalf("consumer group: %v", err)
	}
	defer group.Close()

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	h := &handler{controllers: modbus.NewPool(os.Getenv("SITE_GATEWAY_ADDR"))}
	for ctx.Err() == nil {
		if err := group.Consume(ctx, []string{os.Getenv("COMMANDS_TOPIC")}, h); err != nil {
			log.Printf("consume: %v", err)
		}
	}
}

func loadClientTLS() *tls.Config {
	cert, err := tls.LoadX509KeyPair("/secrets/kafka/client.pem", "/secrets/kafka/client-key.pem")
	if err != nil {
		log.Fatalf("client certificate: %v", err)
	}
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
}
