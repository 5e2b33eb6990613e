// audit-archiver keeps every dispatch command ever sent to a site, for the regulator's audit trail.
package main

import (
	"context"
	"crypto/tls"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/example/fleet/services/audit-archiver/internal/archive"
	"github.com/segmentio/kafka-go"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	brokers := strings.Split(os.Getenv("KAFKA_BROKERS"), ",")
	dialer := &kafka.Dialer{Timeout: 10 * time.Second, DualStack: true}
	if cert, err := tls.LoadX509KeyPair(os.Getenv("KAFKA_CERT_FILE"), os.Getenv("KAFKA_KEY_FILE")); err == nil {
		dialer.TLS = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}

	reader := kafka.NewReader(kafka.ReaderConfig{
		Brokers:        brokers,
		GroupID:        "audit-archiver",
		Topic:          os.Getenv("INPUT_TOPIC"),
		StartOffset:    kafka.FirstOffset,
		MinBytes:       1 << 10,
		MaxBytes:       10 << 20,
		CommitInterval: 0,
		Dialer:         dialer,
	})
	defer reader.Close()

	store, err := archive.NewS3Store(ctx, os.Getenv("ARCHIVE_BUCKET"))
	if err != nil {
		slog.Error("archive store", "err", err)
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
		if err := store.Put(ctx, msg.Topic, msg.Partition, msg.Offset, msg.Time, msg.Value); err != nil {
			slog.Error("archive put", "offset", msg.Offset, "err", err)
			continue
		}
		if err := reader.CommitMessages(ctx, msg); err != nil {
			slog.Warn("commit", "err", err)
		}
	}
}
