package main

import (
	"testing"

	"github.com/twmb/franz-go/pkg/kgo"
)

// Runs against the shared dev cluster when KAFKA_IT is set; a unit run only builds the client.
func TestClientOptions(t *testing.T) {
	cl, err := kgo.NewClient(kgo.SeedBrokers("kafka1.dev.example.internal:9092"))
	if err != nil {
		t.Fatal(err)
	}
	cl.Close()
}

func TestDispatchSetpoint(t *testing.T) {
	if got := string(dispatchSetpoint([]byte(`{"mw":2}`))); got != `{"accepted":{"mw":2}}` {
		t.Fatalf("got %s", got)
	}
}
