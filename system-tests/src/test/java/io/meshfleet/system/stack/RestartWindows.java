package io.meshfleet.system.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * How fast a fleet was restarted, judged from what the fleet itself recorded: the most pods restarted in any 60-second
 * window {@code [t, t + 60 s)}, wherever it starts, per namespace, per cluster and for the whole fleet. That is the
 * form of the roller's limits ("no 60 s window holds more than the limit"): a workload restart counts all its pods at
 * the moment the cluster began it, as the roller counts them when it decides it. Pure.
 */
public final class RestartWindows {

    /** The window every limit applies to. */
    public static final Duration WINDOW = Duration.ofSeconds(60);

    /**
     * One workload restart as the cluster saw it.
     *
     * @param at        when the cluster began it (its first replacement pod was created)
     * @param cluster   the cluster
     * @param namespace the namespace
     * @param workload  the workload
     * @param pods      the pods it replaced
     */
    public record Restart(Instant at, String cluster, String namespace, String workload, int pods) {
    }

    private final List<Restart> restarts;

    public RestartWindows(List<Restart> restarts) {
        this.restarts = restarts.stream().sorted(Comparator.comparing(Restart::at)).toList();
    }

    /** The restarts, oldest first. */
    public List<Restart> restarts() {
        return restarts;
    }

    /** The most pods in any window, per {@code cluster/namespace}, in name order. */
    public Map<String, Integer> maxPerNamespace() {
        return max(r -> r.cluster() + "/" + r.namespace());
    }

    /** The most pods in any window, per cluster, in name order. */
    public Map<String, Integer> maxPerCluster() {
        return max(Restart::cluster);
    }

    /** The most pods in any window, all clusters together. */
    public int maxFleet() {
        return max(r -> "fleet").getOrDefault("fleet", 0);
    }

    /** The pods restarted in all. */
    public int pods() {
        return restarts.stream().mapToInt(Restart::pods).sum();
    }

    /**
     * The achieved rate in pods per minute: the pods over the span from the first restart to the last, plus the last
     * window (a budget used without pause restarts the limit in every window, so a roll at exactly the limit scores
     * the limit). Zero without restarts.
     */
    public double achievedPerMinute() {
        if (restarts.isEmpty()) {
            return 0;
        }
        Duration span = Duration.between(restarts.get(0).at(), restarts.get(restarts.size() - 1).at()).plus(WINDOW);
        return pods() / (span.toMillis() / 60_000.0);
    }

    private Map<String, Integer> max(Function<Restart, String> key) {
        Map<String, List<Restart>> byKey = new LinkedHashMap<>();
        restarts.forEach(r -> byKey.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        Map<String, Integer> result = new TreeMap<>();
        byKey.forEach((k, list) -> result.put(k, maxInWindow(list)));
        return result;
    }

    /** Sliding window over restarts in time order: every window that holds the most starts at some restart. */
    private static int maxInWindow(List<Restart> sorted) {
        int max = 0;
        int sum = 0;
        int start = 0;
        for (Restart restart : sorted) {
            sum += restart.pods();
            Instant horizon = restart.at().minus(WINDOW);
            while (!sorted.get(start).at().isAfter(horizon)) {
                sum -= sorted.get(start++).pods();
            }
            max = Math.max(max, sum);
        }
        return max;
    }
}
