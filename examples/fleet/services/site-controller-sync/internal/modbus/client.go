// Package modbus keeps one Modbus/TCP connection per site gateway.
package modbus

import (
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/goburrow/modbus"
)

type Pool struct {
	mu       sync.Mutex
	gateway  string
	handlers map[string]*modbus.TCPClientHandler
}

func NewPool(gateway string) *Pool {
	return &Pool{gateway: gateway, handlers: map[string]*modbus.TCPClientHandler{}}
}

// WriteSetpoint writes a kW setpoint, scaled to tenths of a kW, to one holding register.
func (p *Pool) WriteSetpoint(siteID string, register uint16, kw float64) error {
	h, err := p.handler(siteID)
	if err != nil {
		return err
	}
	value := uint16(math.Round(kw * 10))
	_, err = modbus.NewClient(h).WriteSingleRegister(register, value)
	if err != nil {
		return fmt.Errorf("site %s register %d: %w", siteID, register, err)
	}
	return nil
}

func (p *Pool) handler(siteID string) (*modbus.TCPClientHandler, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if h, ok := p.handlers[siteID]; ok {
		return h, nil
	}
	h := modbus.NewTCPClientHandler(fmt.Sprintf("%s.%s:502", siteID, p.gateway))
	h.Timeout = 5 * time.Second
	if err := h.Connect(); err != nil {
		return nil, err
	}
	p.handlers[siteID] = h
	return h, nil
}
