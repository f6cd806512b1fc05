package io.meshfleet.system.scale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one scale run measured, and its tables (Markdown, the report page's format). Pure: the run fills it in.
 *
 * @param size           the run's size
 * @param agents         cluster-agent processes
 * @param when           when the run started (UTC, for the report)
 * @param loadBefore     {@code /proc/loadavg}'s 1/5/15-minute load when the run started (the machine is shared)
 * @param loadAfter      the same when it ended
 * @param cores          processors
 * @param stackStart     Kafka, PostgreSQL, fleet-sim and the services up and ready
 * @param inventory      from ready to the orchestrator knowing every cluster (the agents' first reports)
 * @param planCreation   the plan's {@code POST /api/v1/plans} (selecting its clusters, storing a row for each)
 * @param plan           from the plan's start to its end state
 * @param planState      that end state ({@code RUNNING} when a probe stopped watching first)
 * @param clustersByStep how many of the plan's clusters were at each step when the run stopped watching
 * @param clusterSteps   {@code CLUSTER_STEP} entries of the plan in the audit trail
 * @param audit          the plan's audit entries by type
 * @param cpu            CPU time each process used during the plan, by process
 * @param peakHeapBytes  the most heap each process had in use, sampled (by process; absent: not sampled)
 * @param topicRecords   records written to each topic during the plan
 * @param postgresPeak   the most PostgreSQL server processes (postmaster, helpers, one per connection) seen
 */
public record ScaleFigures(ScaleSize size, int agents, String when, String loadBefore, String loadAfter, int cores,
                           Duration stackStart, Duration inventory, Duration planCreation, Duration plan, String planState,
                           Map<String, Integer> clustersByStep, long clusterSteps,
                           Map<String, Long> audit, Map<String, Duration> cpu, Map<String, Long> peakHeapBytes,
                           Map<String, Long> topicRecords, int postgresPeak) {

    /** The orchestrator's process name in {@link #cpu} and {@link #peakHeapBytes}. */
    public static final String ORCHESTRATOR = "orchestrator";

    public ScaleFigures {
        audit = Map.copyOf(new LinkedHashMap<>(audit));
        clustersByStep = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(clustersByStep));
        cpu = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cpu));
        peakHeapBytes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(peakHeapBytes));
        topicRecords = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(topicRecords));
    }

    /** Stack start, inventory and plan. */
    public Duration total() {
        return stackStart.plus(inventory).plus(plan);
    }

    /** Clusters that reached {@code SUCCEEDED}: all of them when the plan succeeded, fewer when a probe stopped first. */
    public int succeeded() {
        return clustersByStep.getOrDefault("SUCCEEDED", 0);
    }

    /** Clusters that reached {@code SUCCEEDED} per minute of plan time. */
    public double clustersPerMinute() {
        return succeeded() * 60_000.0 / Math.max(1, plan.toMillis());
    }

    /** The orchestrator's CPU time per cluster step, in milliseconds (NaN without steps). */
    public double orchestratorCpuPerStepMillis() {
        Duration orchestrator = cpu.get(ORCHESTRATOR);
        if (orchestrator == null || clusterSteps == 0) {
            return Double.NaN;
        }
        return orchestrator.toNanos() / 1e6 / clusterSteps;
    }

    /** Kafka records of every topic during the plan, per cluster. */
    public double kafkaRecordsPerCluster() {
        return topicRecords.values().stream().mapToLong(Long::longValue).sum() / (double) size.clusters();
    }

    /** Audit entries of the plan. */
    public long auditEntries() {
        return audit.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The report's section for this run: a summary table, one per process, one per topic. */
    public String markdown() {
        int n = size.clusters();
        List<String> out = new ArrayList<>();
        out.add("#### " + size.label() + ": " + n + " clusters x " + ScaleFleet.PODS_PER_CLUSTER + " pods");
        out.add("");
        out.add(String.format(Locale.ROOT, "Run %s; %d cores; load (1/5/15 min) %s before, %s after. Main wave "
                        + "maxConcurrency %d, %d cluster-agent process%s, fleet-sim time scale %.0f, service heap limit "
                        + "%s, service JIT %s.",
                when, cores, loadBefore, loadAfter, size.concurrency(), agents, agents == 1 ? "" : "es",
                size.timeScale(), size.xmx().isEmpty() ? "384m (default)" : size.xmx(),
                size.tieredJit() ? "tiered (C1 and C2)" : "C1 only (the stack's default)"));
        out.add("");
        out.add("| figure | value |");
        out.add("| --- | --- |");
        out.add(row("plan outcome", planState));
        out.add(row("total wall time (stack start + inventory + plan)", seconds(total())));
        out.add(row("stack start (Kafka, PostgreSQL, fleet-sim, services ready)", seconds(stackStart)));
        out.add(row("inventory (every cluster reported)", seconds(inventory)));
        out.add(row("plan creation (POST /api/v1/plans)", seconds(planCreation)));
        out.add(row("plan wall time (start to " + planState + ")", seconds(plan)
                + String.format(Locale.ROOT, " (%.1f clusters/min)", clustersPerMinute())));
        if (succeeded() != n) {
            out.add(row("clusters by step at the end", clustersByStep.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("none")));
        }
        out.add(row("cluster steps (CLUSTER_STEP audit entries)", clusterSteps + String.format(Locale.ROOT,
                " (%.1f per cluster)", clusterSteps / (double) n)));
        Duration orchestrator = cpu.get(ORCHESTRATOR);
        out.add(row("orchestrator CPU during the plan", orchestrator == null ? "n/a" : seconds(orchestrator)));
        out.add(row("orchestrator CPU per cluster step", String.format(Locale.ROOT, "%.1f ms",
                orchestratorCpuPerStepMillis())));
        out.add(row("Kafka records per cluster (all topics)", String.format(Locale.ROOT, "%.1f",
                kafkaRecordsPerCluster())));
        out.add(row("audit entries written", auditEntries() + String.format(Locale.ROOT, " (%.1f per cluster)",
                auditEntries() / (double) n)));
        out.add(row("audit entries by type", audit.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("none")));
        out.add(row("PostgreSQL server processes, peak", String.valueOf(postgresPeak)));
        out.add("");
        out.add("| process | CPU during the plan | peak heap used |");
        out.add("| --- | --- | --- |");
        for (String process : processes()) {
            Duration used = cpu.get(process);
            Long heap = peakHeapBytes.get(process);
            out.add("| " + process + " | " + (used == null ? "n/a" : seconds(used)) + " | "
                    + (heap == null ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", heap / 1048576.0)) + " |");
        }
        out.add("");
        out.add("| topic | records during the plan | per cluster |");
        out.add("| --- | --- | --- |");
        topicRecords.forEach((topic, records) -> out.add(String.format(Locale.ROOT, "| %s | %d | %.1f |", topic,
                records, records / (double) n)));
        return String.join("\n", out) + "\n";
    }

    private List<String> processes() {
        List<String> names = new ArrayList<>(cpu.keySet());
        peakHeapBytes.keySet().stream().filter(name -> !names.contains(name)).forEach(names::add);
        return names;
    }

    private static String row(String figure, String value) {
        return "| " + figure + " | " + value + " |";
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
