#!/usr/bin/env bash
# Shows the validated readings of one site as the enricher receives them, on the production cluster.
# usage: scripts/tail-validated.sh <site-id> [max-messages]
set -euo pipefail

site="${1:?usage: tail-validated.sh <site-id> [max-messages]}"
max="${2:-200}"

kafka-console-consumer --bootstrap-server kafka1.prod.example.internal:9092 \
  --topic meter.readings.validated \
  --max-messages "$max" \
  --property print.key=true \
  | grep --line-buffered "\"site_id\":\"${site}\""
