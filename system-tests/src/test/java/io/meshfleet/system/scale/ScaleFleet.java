package io.meshfleet.system.scale;

import java.util.List;
import java.util.Map;

/**
 * The scale run's fleet-sim scenario and plan, as text: N user clusters of 50 pods each (five injected namespaces, two
 * Deployments of five replicas in each) on 1.6.14-asm.1, and a plan that moves all of them to the target, one canary
 * and then the rest at the size's concurrency.
 */
public final class ScaleFleet {

    /** The version every cluster starts at. */
    public static final String FROM = "1.6.14-asm.1";
    /** The label every scale cluster carries, and the plan selects. */
    public static final String LABEL = "scale";
    /** Workload pods per cluster. */
    public static final int PODS_PER_CLUSTER = 50;

    /**
     * The roller's fleet-wide limit for the run (pods restarted per real minute; its default is 1,000). The roller's
     * limits are real time while the fleet is time-scaled: at the default, 1,000 clusters x 50 pods would take 50
     * minutes of sidecar restarts alone, which measures the limit, not the services.
     */
    public static final int ROLLER_FLEET_PODS_PER_MINUTE = 60_000;
    /** Namespaces the roller restarts at once per cluster (default 4): all five of a scale cluster. */
    public static final int ROLLER_PARALLEL_NAMESPACES = 5;

    private static final Map<String, List<String>> WORKLOADS = new java.util.LinkedHashMap<>();

    static {
        WORKLOADS.put("shop", List.of("frontend", "cart"));
        WORKLOADS.put("payments", List.of("api", "worker"));
        WORKLOADS.put("search", List.of("query", "indexer"));
        WORKLOADS.put("media", List.of("images", "video"));
        WORKLOADS.put("accounts", List.of("users", "sessions"));
    }

    private ScaleFleet() {
    }

    /** The fleet-sim scenario (the seed's delays, scaled by the size's time scale). */
    public static String scenario(ScaleSize size) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("name: scale-").append(size.label()).append('\n');
        yaml.append("timeScale: ").append(size.timeScale()).append('\n');
        yaml.append("delays: {podScheduling: 2s, containerStart: 5s, podTermination: 10s, controlPlaneInstall: 5m}\n");
        yaml.append("clusters:\n");
        yaml.append("  - namePattern: scale-%04d\n");
        yaml.append("    count: ").append(size.clusters()).append('\n');
        yaml.append("    labels: {env: ").append(LABEL).append("}\n");
        yaml.append("    mesh: {version: ").append(FROM).append(", profile: asm-multicloud}\n");
        yaml.append("    namespaces:\n");
        int replicas = PODS_PER_CLUSTER / (WORKLOADS.size() * 2);
        WORKLOADS.forEach((namespace, workloads) -> {
            yaml.append("      - name: ").append(namespace).append("\n        injection: true\n        workloads:\n");
            for (String workload : workloads) {
                yaml.append("          - {kind: Deployment, name: ").append(workload).append(", replicas: ")
                        .append(replicas).append("}\n");
            }
        });
        return yaml.toString();
    }

    /**
     * The plan: one canary, then every other cluster at {@link ScaleSize#concurrency()} at once, no soak, no approval;
     * control planes through the operator path (an IstioOperator the agent applies), sidecars at up to 600 pods per
     * minute per cluster, half a workload unavailable at most. A failure halts the plan (the run then fails).
     */
    public static String plan(ScaleSize size, String targetVersion) {
        return """
                name: scale-%s
                targetVersion: %s
                fromVersion: %s
                profile: asm-multicloud
                installer: OPERATOR
                selector: {matchLabels: {env: %s}}
                waves:
                  - {count: 1}
                  - {percent: 100, maxConcurrency: %d, maxFailures: 0}
                sidecarLimits: {podsPerMinutePerNamespace: 600, podsPerMinutePerCluster: 600, maxUnavailable: "50%%"}
                failurePolicy: HALT
                """.formatted(size.label(), targetVersion, FROM, LABEL, size.concurrency());
    }
}
