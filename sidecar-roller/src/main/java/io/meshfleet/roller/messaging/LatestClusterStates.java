package io.meshfleet.roller.messaging;

import io.meshfleet.events.ClusterState;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The newest state report of each cluster, as read from the compacted state topic. */
@ApplicationScoped
public class LatestClusterStates {

    private final ConcurrentMap<String, ClusterState> latest = new ConcurrentHashMap<>();

    LatestClusterStates(MeterRegistry meters) {
        meters.gaugeMapSize("meshfleet.roller.clusters.known", List.of(), latest);
    }

    /**
     * Keeps the report unless a report with the same or a newer generation is already known.
     *
     * @return true when the report became the latest
     */
    public boolean offer(ClusterState state) {
        ClusterState kept = latest.merge(state.clusterId(), state,
                (old, candidate) -> candidate.supersedes(old) ? candidate : old);
        return kept == state;
    }

    /** The newest report of a cluster, if any arrived. */
    public Optional<ClusterState> of(String clusterId) {
        return Optional.ofNullable(latest.get(clusterId));
    }
}
