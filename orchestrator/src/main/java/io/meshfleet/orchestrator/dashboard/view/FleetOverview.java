package io.meshfleet.orchestrator.dashboard.view;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The dashboard's fleet view: the clusters that match a label filter, grouped by mesh version (newest first) and
 * within a version by health, admin clusters marked.
 *
 * @param versions the groups, newest version first; clusters that never reported a version under "unknown" last
 * @param total    clusters in the inventory
 * @param shown    clusters that match the filter
 */
public record FleetOverview(List<VersionGroup> versions, int total, int shown) {

    /** A version's label when the agent reported none (no control plane found). */
    public static final String UNKNOWN_VERSION = "unknown";

    /**
     * A cluster as the inventory last saw it.
     *
     * @param clusterId           the cluster
     * @param admin               whether it is an admin cluster (never changed by a plan)
     * @param labels              its labels
     * @param meshVersion         the running control plane's version, or null
     * @param controlPlaneReady   ready control-plane pods
     * @param controlPlanePods    control-plane pods
     * @param workloadReady       ready workload pods
     * @param workloadPods        workload pods
     * @param lastSeen            when its agent last reported
     */
    public record ClusterFact(String clusterId, boolean admin, Map<String, String> labels, String meshVersion,
                              int controlPlaneReady, int controlPlanePods, int workloadReady, int workloadPods,
                              Instant lastSeen) {

        public ClusterFact {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }
    }

    /** How a cluster looks from its last report. */
    public enum Health {
        /** Every control-plane and workload pod ready, reported recently. */
        HEALTHY,
        /** Reported recently, but some control-plane or workload pod is not ready. */
        DEGRADED,
        /** Not heard of for longer than the unreachable limit. */
        UNREACHABLE
    }

    /** One mesh version's clusters, by health (healthy first). */
    public record VersionGroup(String version, int count, List<HealthGroup> health) {
    }

    /** The clusters of one version and health, ordered by id. */
    public record HealthGroup(Health health, List<Row> clusters) {
    }

    /** One cluster's line. */
    public record Row(ClusterFact cluster, Health health, String labelText) {

        /** When its agent last reported, for people. */
        public String lastSeenText() {
            return Texts.time(cluster.lastSeen());
        }
    }

    /**
     * Groups {@code clusters} matching every {@code filter} label; a cluster silent for longer than
     * {@code unreachableAfter} is UNREACHABLE.
     */
    public static FleetOverview of(List<ClusterFact> clusters, Map<String, String> filter, Instant now,
                                   Duration unreachableAfter) {
        List<ClusterFact> matching = clusters.stream()
                .filter(c -> filter.entrySet().stream().allMatch(f -> f.getValue().equals(c.labels().get(f.getKey()))))
                .sorted(Comparator.comparing(ClusterFact::clusterId)).toList();
        Map<String, Map<Health, List<Row>>> byVersion = new TreeMap<>(FleetOverview::newestFirst);
        for (ClusterFact c : matching) {
            String version = c.meshVersion() == null || c.meshVersion().isBlank() ? UNKNOWN_VERSION : c.meshVersion();
            Health health = health(c, now, unreachableAfter);
            byVersion.computeIfAbsent(version, v -> new EnumMap<>(Health.class))
                    .computeIfAbsent(health, h -> new ArrayList<>())
                    .add(new Row(c, health, labelText(c.labels())));
        }
        List<VersionGroup> groups = new ArrayList<>();
        byVersion.forEach((version, healths) -> groups.add(new VersionGroup(version,
                healths.values().stream().mapToInt(List::size).sum(),
                healths.entrySet().stream().map(e -> new HealthGroup(e.getKey(), List.copyOf(e.getValue())))
                        .toList())));
        return new FleetOverview(List.copyOf(groups), clusters.size(), matching.size());
    }

    /** The health of {@code c} at {@code now}. */
    public static Health health(ClusterFact c, Instant now, Duration unreachableAfter) {
        if (c.lastSeen() == null || c.lastSeen().plus(unreachableAfter).isBefore(now)) {
            return Health.UNREACHABLE;
        }
        if (c.controlPlaneReady() < c.controlPlanePods() || c.workloadReady() < c.workloadPods()
                || c.controlPlanePods() == 0) {
            return Health.DEGRADED;
        }
        return Health.HEALTHY;
    }

    /**
     * Parses a label filter as the user types it: {@code key=value} pairs separated by commas or spaces.
     *
     * @throws IllegalArgumentException naming the pair that is not {@code key=value}
     */
    public static Map<String, String> parseFilter(String text) {
        Map<String, String> filter = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return filter;
        }
        for (String pair : text.trim().split("[,\\s]+")) {
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("label filter must be key=value pairs separated by commas, e.g. "
                        + "env=prod,region=eu; '" + pair + "' is not");
            }
            filter.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return filter;
    }

    private static String labelText(Map<String, String> labels) {
        return new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    /** Versions by their numeric parts, newest first; "unknown" last; then as text. */
    static int newestFirst(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (a.equals(UNKNOWN_VERSION)) {
            return 1;
        }
        if (b.equals(UNKNOWN_VERSION)) {
            return -1;
        }
        String[] pa = a.split("[^0-9]+");
        String[] pb = b.split("[^0-9]+");
        for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
            if (pa[i].isEmpty() || pb[i].isEmpty()) {
                continue;
            }
            int c = Long.compare(parse(pb[i]), parse(pa[i]));
            if (c != 0) {
                return c;
            }
        }
        return b.compareTo(a);
    }

    private static long parse(String digits) {
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }
}
