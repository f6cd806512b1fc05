#!/usr/bin/env bash
# Creates (or completes) the meshfleet topics from topics.tsv with the standard Kafka CLI.
#
#   deploy/kafka/create-topics.sh --bootstrap-server kafka-0.kafka:9092 [--replicas 1] [--command-config admin.properties]
#
# --replicas overrides every topic's replication factor (1 for a single-broker laptop setup; then
# min.insync.replicas is lowered to 1 too). Existing topics are left as they are (--if-not-exists);
# to change a topic's settings use kafka-configs.sh. KAFKA_TOPICS names the CLI (default:
# kafka-topics.sh on the PATH).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bootstrap=""
replicas_override=""
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --bootstrap-server) bootstrap="$2"; shift 2 ;;
    --replicas) replicas_override="$2"; shift 2 ;;
    --command-config) extra+=(--command-config "$2"); shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [ -z "$bootstrap" ]; then
  echo "--bootstrap-server is required, e.g. --bootstrap-server kafka-0.kafka:9092" >&2
  exit 2
fi
read -r -a cli <<< "${KAFKA_TOPICS:-kafka-topics.sh}"

create() {
  local topic="$1" partitions="$2" replicas="$3" min_isr="$4" cleanup="$5" retention="$6"
  if [ -n "$replicas_override" ]; then
    replicas="$replicas_override"
    [ "$min_isr" -gt "$replicas" ] && min_isr="$replicas"
  fi
  echo "topic $topic: $partitions partitions, $replicas replicas, cleanup.policy=$cleanup, retention.ms=$retention"
  "${cli[@]}" --bootstrap-server "$bootstrap" "${extra[@]}" --create --if-not-exists --topic "$topic" \
    --partitions "$partitions" --replication-factor "$replicas" \
    --config "cleanup.policy=$cleanup" --config "retention.ms=$retention" --config "min.insync.replicas=$min_isr"
}

grep -v '^\s*#' "$here/topics.tsv" | grep -v '^\s*$' | while read -r topic partitions replicas min_isr cleanup retention _why; do
  create "$topic" "$partitions" "$replicas" "$min_isr" "$cleanup" "$retention"
  create "$topic.dlq" "$partitions" "$replicas" "$min_isr" delete 2592000000
done
