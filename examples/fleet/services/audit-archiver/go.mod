module github.com/example/fleet/services/audit-archiver

go 1.22

require (
	github.com/aws/aws-sdk-go-v2 v1.30.4
	github.com/aws/aws-sdk-go-v2/config v1.27.31
	github.com/aws/aws-sdk-go-v2/service/s3 v1.61.0
	github.com/segmentio/kafka-go v0.4.47
)
