// Package registry keeps the device table. Apply is idempotent per request id.
package registry

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

type Request struct {
	RequestID string `json:"request_id"`
	DeviceID  string `json:"device_id"`
	SiteID    string `json:"site_id"`
	Kind      string `json:"kind"`
	Action    string `json:"action"`
}

type Event struct {
	DeviceID string    `json:"device_id"`
	SiteID   string    `json:"site_id"`
	Kind     string    `json:"kind"`
	Status   string    `json:"status"`
	At       time.Time `json:"at"`
	Severity string    `json:"severity"`
}

type Store struct {
	pool *pgxpool.Pool
}

func Open(ctx context.Context, url string) (*Store, error) {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, err
	}
	return &Store{pool: pool}, nil
}

func (s *Store) Apply(ctx context.Context, r Request) (Event, error) {
	status := "active"
	switch r.Action {
	case "register":
	case "decommission":
		status = "retired"
	default:
		return Event{}, fmt.Errorf("unknown action %q", r.Action)
	}
	_, err := s.pool.Exec(ctx, `
		insert into devices (device_id, site_id, kind, status, last_request_id)
		values ($1, $2, $3, $4, $5)
		on conflict (device_id) do update
		set site_id = excluded.site_id, status = excluded.status, last_request_id = excluded.last_request_id
		where devices.last_request_id is distinct from excluded.last_request_id`,
		r.DeviceID, r.SiteID, r.Kind, status, r.RequestID)
	if err != nil {
		return Event{}, err
	}
	return Event{DeviceID: r.DeviceID, SiteID: r.SiteID, Kind: r.Kind, Status: status, At: time.Now().UTC(), Severity: "info"}, nil
}
