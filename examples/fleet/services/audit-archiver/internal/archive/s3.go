// Package archive writes records to S3 under a key that is unique per topic, partition and offset,
// so that re-archiving a record after a restart overwrites the same object.
package archive

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

type S3Store struct {
	client *s3.Client
	bucket string
}

func NewS3Store(ctx context.Context, bucket string) (*S3Store, error) {
	if bucket == "" {
		return nil, fmt.Errorf("ARCHIVE_BUCKET is not set")
	}
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, err
	}
	return &S3Store{client: s3.NewFromConfig(cfg), bucket: bucket}, nil
}

func (s *S3Store) Put(ctx context.Context, topic string, partition int, offset int64, at time.Time, value []byte) error {
	key := fmt.Sprintf("%s/dt=%s/p=%03d/%020d.json", topic, at.UTC().Format("2006-01-02"), partition, offset)
	_, err := s.client.PutObject(ctx, &s3.PutObjectInput{
		Bucket:      aws.String(s.bucket),
		Key:         aws.String(key),
		Body:        bytes.NewReader(value),
		ContentType: aws.String("application/json"),
	})
	return err
}
