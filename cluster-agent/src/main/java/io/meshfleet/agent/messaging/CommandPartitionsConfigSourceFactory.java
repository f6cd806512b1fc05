package io.meshfleet.agent.messaging;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * When {@code meshfleet.agent.command-partitions} gives the partition count of {@code fleet.agent.commands}, sets
 * {@code mp.messaging.incoming.agent-commands.assign-seek} to the partitions that carry the served clusters'
 * commands ({@link CommandPartitions}): the agent's consumer is assigned those partitions instead of subscribing to
 * the topic, so it never fetches the commands of clusters whose keys hash elsewhere. Offsets are still committed
 * under the agent's group id. Unset, the agent subscribes to the whole topic (small fleets, tests of other modules).
 * The count must match the topic's: deploy/ creates the topic with it, and a changed count needs the agents restarted.
 */
public class CommandPartitionsConfigSourceFactory implements ConfigSourceFactory {

    static final String PARTITIONS = "meshfleet.agent.command-partitions";
    static final String CLUSTERS = "meshfleet.agent.clusters";
    static final String ASSIGN_SEEK = "mp.messaging.incoming.agent-commands.assign-seek";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue partitions = context.getValue(PARTITIONS);
        ConfigValue clusters = context.getValue(CLUSTERS);
        if (partitions == null || partitions.getValue() == null || partitions.getValue().isBlank()
                || clusters == null || clusters.getValue() == null || clusters.getValue().isBlank()) {
            return List.of();
        }
        List<String> served = Arrays.stream(clusters.getValue().split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        String assignment = CommandPartitions.assignSeek(served, Integer.parseInt(partitions.getValue().trim()));
        // Above application.properties (250), below system properties and the environment.
        return List.of(new PropertiesConfigSource(Map.of(ASSIGN_SEEK, assignment), "meshfleet-command-partitions", 260));
    }
}
