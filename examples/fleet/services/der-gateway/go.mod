module github.com/example/fleet/services/der-gateway

go 1.22

require github.com/twmb/franz-go v1.17.1
