// device-registry records provisioned devices (meters, batteries, site controllers) and announces
// every registration or decommissioning on the device events topic.
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/example/fleet/services/device-registry/registry"
	"github.com/segmentio/kafka-go"
)

func clientTLS() *tls.Config {
	cert, err := tls.LoadX509KeyPair(os.Getenv("KAFKA_CERT_FILE"), os.Getenv("KAFKA_KEY_FILE"))
	if err != nil {
		slog.Error("client certificate", "err", err)
		os.Exit(1)
	}
	pool := x509.NewCertPool()
	if ca, err := os.ReadFile(os.Getenv("KAFKA_CA_FILE")); err == nil {
		pool.AppendCertsFromPEM(ca)
	}
	return &tls.Config{Certificates: []tls.Certificate{cert}, RootCAs: pool, MinVersion: tls.VersionTLS12}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	brokers := strings.Split(os.Getenv("KAFKA_BROKERS"), ",")
	tlsConfig := clientTLS()

	reader := kafka.NewReader(kafka.ReaderConfig{
		Brokers:     brokers,
		GroupID:     "device-registry",
		Topic:       os.Getenv("INPUT_TOPIC"),
		StartOffset: kafka.FirstOffset,
		Dialer:      &kafka.Dialer{Timeout: 10 * time.Second, TLS: tlsConfig},
	})
	defer reader.Close()

	writer := &kafka.Writer{
		Addr:         kafka.TCP(brokers...),
		Topic:        os.Getenv("OUTPUT_TOPIC"),
		Balancer:     &kafka.Hash{},
		RequiredAcks: kafka.RequireAll,
		Transport:    &kafka.Transport{TLS: tlsConfig},
	}
	defer writer.Close()

	store, err := registry.Open(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		slog.Error("database", "err", err)
		os.Exit(1)
	}

	for {
		msg, err := reader.FetchMessage(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			slog.Error("fetch", "err", err)
			continue
		}
		var req registry.Request
		if err := json.Unmarshal(msg.Value, &req); err != nil {
			slog.Warn("malformed provisioning request", "offset", msg.Offset)
			_ = reader.CommitMessages(ctx, msg)
			continue
		}
		event, err := store.Apply(ctx, req)
		if err != nil {
			slog.Error("apply", "device", req.DeviceID, "err", err)
			continue
		}
		body, _ := json.Marshal(event)
		if err := writer.WriteMessages(ctx, kafka.Message{Key: []byte(event.DeviceID), Value: body}); err != nil {
			slog.Error("publish", "err", err)
			continue
		}
		_ = reader.CommitMessages(ctx, msg)
	}
}
