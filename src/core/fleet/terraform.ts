// The Terraform block for the fleet topic (Mongey/kafka provider), printed when the topic is missing
// or not compacted: the tool never creates it itself.
import { sanitiseResourceName } from '../rewrite/kafkaTopic';

export function fleetTopicTerraform(topic: string): string {
  return [
    `resource "kafka_topic" "${sanitiseResourceName(topic)}" {`,
    `  name               = "${topic}"`,
    `  partitions         = 3`,
    `  replication_factor = 3`,
    `  config = {`,
    `    # The latest record per <repo>/<service> is the status: keep it for good, drop the history.`,
    `    "cleanup.policy"      = "compact"`,
    `    "min.insync.replicas" = "2"`,
    `  }`,
    `}`,
    '',
  ].join('\n');
}
