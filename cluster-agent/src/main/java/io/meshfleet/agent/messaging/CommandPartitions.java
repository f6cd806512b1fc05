package io.meshfleet.agent.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.Utils;

/**
 * The partitions of {@code fleet.agent.commands} that carry a set of clusters' commands. Commands are keyed by
 * cluster id and produced with Kafka's default partitioner (murmur2 of the key bytes, modulo the partition count),
 * so an agent can compute where its clusters' commands land and read only those partitions, instead of every
 * partition of the topic (that is, every cluster's traffic).
 */
public final class CommandPartitions {

    private CommandPartitions() {
    }

    /** The partition the default partitioner puts {@code clusterId}'s records in. */
    public static int of(String clusterId, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive, was " + partitions);
        }
        return Utils.toPositive(Utils.murmur2(clusterId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The partitions carrying the commands of {@code clusters}. */
    public static SortedSet<Integer> of(Collection<String> clusters, int partitions) {
        return clusters.stream().map(c -> of(c, partitions)).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The SmallRye {@code assign-seek} value assigning those partitions (no seek: committed offsets apply). */
    public static String assignSeek(Collection<String> clusters, int partitions) {
        return of(clusters, partitions).stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
