package main

import (
	"sync"
	"time"
)

type Reading struct {
	MeterID string    `json:"meter_id"`
	SiteID  string    `json:"site_id"`
	At      time.Time `json:"ts"`
	KWh     float64   `json:"kwh"`
	KW      float64   `json:"kw"`
}

// Rules remembers the last reading per meter to catch registers that stop moving.
type Rules struct {
	mu        sync.Mutex
	last      map[string]Reading
	maxSkew   time.Duration
	stuckFor  int
	stuckSeen map[string]int
}

func DefaultRules() *Rules {
	return &Rules{
		last:      map[string]Reading{},
		maxSkew:   10 * time.Minute,
		stuckFor:  96,
		stuckSeen: map[string]int{},
	}
}

func (r *Rules) Accept(x Reading) bool {
	if x.MeterID == "" || x.KWh < 0 || x.KW < -5000 || x.KW > 50000 {
		return false
	}
	if x.At.After(time.Now().Add(r.maxSkew)) {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	prev, ok := r.last[x.MeterID]
	r.last[x.MeterID] = x
	if !ok {
		return true
	}
	if x.KWh < prev.KWh {
		return false
	}
	if x.KWh == prev.KWh && x.KW != 0 {
		r.stuckSeen[x.MeterID]++
		return r.stuckSeen[x.MeterID] < r.stuckFor
	}
	r.stuckSeen[x.MeterID] = 0
	return true
}
