// Package mqtt receives meter readings that the site gateways publish over MQTT.
package mqtt

import (
	"strings"

	paho "github.com/eclipse/paho.mqtt.golang"
)

type Reading struct {
	MeterID string
	Payload []byte
}

// Subscribe delivers each reading on out; the meter id is the second topic level.
func Subscribe(url, topic string, out chan<- Reading) (paho.Client, error) {
	opts := paho.NewClientOptions().AddBroker(url).SetClientID("meter-gateway").SetCleanSession(false)
	client := paho.NewClient(opts)
	if tok := client.Connect(); tok.Wait() && tok.Error() != nil {
		return nil, tok.Error()
	}
	tok := client.Subscribe(topic, 1, func(_ paho.Client, m paho.Message) {
		parts := strings.Split(m.Topic(), "/")
		if len(parts) < 3 {
			return
		}
		out <- Reading{MeterID: parts[1], Payload: m.Payload()}
	})
	tok.Wait()
	return client, tok.Error()
}
