package io.meshfleet.system.scale;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * How big a scale run is: the number of simulated clusters, how many of them the plan's main wave moves at once, how
 * many clusters one cluster-agent process serves, fleet-sim's time scale and its watch history. {@code system.size}
 * {@code ci} (the default) is what CI runs, {@code full} the 1,000 clusters; {@code scale.clusters},
 * {@code scale.concurrency}, {@code scale.clustersPerAgent}, {@code scale.timeScale}, {@code scale.xmx} override single values (for the
 * larger fleets), and {@code scale.jit=tiered} gives the services the JVM's full JIT (C1 and C2) instead of the stack's
 * start-up setting (C1 only).
 *
 * @param label            how the report names the run ({@code ci}, {@code full}, or {@code <n>} when overridden)
 * @param clusters         user clusters of 50 pods each
 * @param concurrency      the main wave's {@code maxConcurrency}
 * @param clustersPerAgent clusters one cluster-agent process serves
 * @param timeScale        simulated seconds per real second
 * @param historyLimit     fleet-sim's watch history per cluster
 * @param xmx              every service's heap limit ({@code -Xmx}), or empty for the services' default (384m)
 * @param tieredJit        the services run with the JVM's full tiered JIT (as in production) rather than the stack's
 *                         {@code -XX:TieredStopAtLevel=1}, which starts faster and peaks lower
 */
public record ScaleSize(String label, int clusters, int concurrency, int clustersPerAgent, double timeScale,
                        int historyLimit, String xmx, boolean tieredJit) {

    /** CI: 30 clusters (it runs beside four other stacks on two cores), all at once after the canary, one agent, the services' default heap. */
    public static final ScaleSize CI = new ScaleSize("ci", 30, 30, 500, 600, 64, "");
    /**
     * The full size: 1,000 clusters, two agents of 500 clusters each; every service may use 1 GiB of heap (an
     * agent already peaks near its default 384m at 50 clusters).
     */
    public static final ScaleSize FULL = new ScaleSize("full", 1000, 100, 500, 600, 32, "1g");

    /** The widest fleet a cluster name pattern ({@code scale-%04d}) covers. */
    public static final int MAX_CLUSTERS = 9999;

    /** A size whose services keep the stack's C1-only JIT. */
    public ScaleSize(String label, int clusters, int concurrency, int clustersPerAgent, double timeScale,
                     int historyLimit, String xmx) {
        this(label, clusters, concurrency, clustersPerAgent, timeScale, historyLimit, xmx, false);
    }

    public ScaleSize {
        if (clusters < 1 || clusters > MAX_CLUSTERS) {
            throw new IllegalArgumentException("scale.clusters must be from 1 to " + MAX_CLUSTERS + ", was " + clusters);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("scale.concurrency must be at least 1, was " + concurrency);
        }
        if (clustersPerAgent < 1) {
            throw new IllegalArgumentException("scale.clustersPerAgent must be at least 1, was " + clustersPerAgent);
        }
        if (!xmx.isEmpty() && !xmx.matches("[0-9]+[kKmMgG]?")) {
            throw new IllegalArgumentException("scale.xmx must be a heap size such as 768m or 1g, was " + xmx);
        }
        if (!(timeScale >= 1)) {
            throw new IllegalArgumentException("scale.timeScale must be at least 1, was " + timeScale);
        }
    }

    /** The size the system properties ask for. */
    public static ScaleSize from(Properties properties) {
        String size = properties.getProperty("system.size", "ci");
        ScaleSize base = switch (size) {
            case "ci" -> CI;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("system.size must be ci or full, was " + size);
        };
        int clusters = intValue(properties, "scale.clusters", base.clusters);
        String label = clusters == base.clusters ? base.label : String.valueOf(clusters);
        return new ScaleSize(label, clusters,
                intValue(properties, "scale.concurrency", base.concurrency),
                intValue(properties, "scale.clustersPerAgent", base.clustersPerAgent),
                Double.parseDouble(properties.getProperty("scale.timeScale", String.valueOf(base.timeScale))),
                clusters > 500 ? Math.min(base.historyLimit, 32) : base.historyLimit,
                properties.getProperty("scale.xmx", clusters > 500 ? FULL.xmx : base.xmx).strip(),
                tieredJit(properties));
    }

    private static boolean tieredJit(Properties properties) {
        String jit = properties.getProperty("scale.jit", "c1").strip();
        return switch (jit) {
            case "c1", "" -> false;
            case "tiered" -> true;
            default -> throw new IllegalArgumentException("scale.jit must be c1 or tiered, was " + jit);
        };
    }

    /**
     * A capacity probe's watch: with {@code scale.observeMinutes=N} the run watches the plan for at most N minutes
     * and then reports how far it got instead of waiting for its end (for fleets whose whole plan would take hours on
     * one machine). Empty without the property: the run waits for the plan's end.
     */
    public static java.util.Optional<java.time.Duration> observeFor(Properties properties) {
        if (properties.getProperty("scale.observeMinutes", "").isBlank()) {
            return java.util.Optional.empty();
        }
        int minutes = intValue(properties, "scale.observeMinutes", 0);
        if (minutes < 1) {
            throw new IllegalArgumentException("scale.observeMinutes must be at least 1, was " + minutes);
        }
        return java.util.Optional.of(java.time.Duration.ofMinutes(minutes));
    }

    /** The cluster names, {@code scale-0001} upwards, as fleet-sim expands the scenario's pattern. */
    public List<String> clusterNames() {
        List<String> names = new ArrayList<>(clusters);
        for (int n = 1; n <= clusters; n++) {
            names.add(String.format("scale-%04d", n));
        }
        return names;
    }

    /**
     * The clusters of each cluster-agent process, in start order: {@code cluster-agent} serves the first
     * {@link #clustersPerAgent}, {@code cluster-agent-2} the next, and so on.
     */
    public Map<String, List<String>> agents() {
        List<String> names = clusterNames();
        Map<String, List<String>> agents = new LinkedHashMap<>();
        for (int from = 0, n = 1; from < names.size(); from += clustersPerAgent, n++) {
            agents.put(n == 1 ? "cluster-agent" : "cluster-agent-" + n,
                    List.copyOf(names.subList(from, Math.min(names.size(), from + clustersPerAgent))));
        }
        return agents;
    }

    private static int intValue(Properties properties, String key, int fallback) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip().replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was " + value, e);
        }
    }
}
