package io.meshfleet.system.chaos;

import static io.meshfleet.system.chaos.ChaosStack.CRASH;
import static io.meshfleet.system.chaos.ChaosStack.ORCHESTRATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.sim.fleet.FleetRecorder;
import io.meshfleet.system.stack.SystemReport;
import io.meshfleet.system.stack.SystemStack;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12 item 1: the orchestrator {@code kill -9}ed at random moments of a plan (seeded; the seed is printed and
 * {@code -Dchaos.seed=<seed>} repeats a run) and started again with the same environment and database, again and
 * again. The plan must still complete, every cluster at the target with every sidecar converged, no cluster may have
 * received a second install (fleet-sim counts the installs each cluster's API received), and the audit trail must
 * verify with every cluster's step sequence whole. CI size: 20 clusters, 3 kills; full size: 100 clusters, 20 kills.
 */
@ExtendWith(ChaosStack.class)
@Order(1)
class OrchestratorCrashIT {

    private static SystemStack stack;

    @BeforeAll
    static void stack(SystemStack shared) {
        stack = shared;
    }

    @Test
    void thePlanCompletesAcrossOrchestratorCrashesWithOneInstallPerClusterAndAWholeAuditTrail() throws Exception {
        boolean full = SystemStack.fullSize();
        List<String> clusters = ChaosStack.clusters(CRASH);
        int kills = full ? 20 : 3;
        long seed = KillSchedule.chosenSeed();
        KillSchedule schedule = full ? KillSchedule.of(seed, kills, Duration.ofMillis(500), Duration.ofSeconds(6))
                : KillSchedule.of(seed, kills, Duration.ofSeconds(1), Duration.ofSeconds(8));
        System.out.println("[chaos crash] seed " + seed + " (repeat with -Dchaos.seed=" + seed + "): " + kills
                + " kills after pauses " + schedule.pauses() + ", " + clusters.size() + " clusters");
        Plans plans = new Plans(stack);
        int concurrency = full ? 10 : 4;
        String yaml = """
                name: chaos-orchestrator-crash
                targetVersion: %s
                fromVersion: %s
                selector: {matchLabels: {chaos: %s}}
                waves:
                  - {clusters: [%s]}
                  - {percent: 30, maxConcurrency: %d, maxFailures: 0, soak: 2s}
                  - {percent: 100, maxConcurrency: %d, maxFailures: 0, soak: 2s, requireApproval: true}
                sidecarLimits: {podsPerMinutePerNamespace: 100, podsPerMinutePerCluster: 100, maxUnavailable: "50%%"}
                failurePolicy: HALT
                """.formatted(ChaosStack.TARGET, ChaosStack.FROM, CRASH, clusters.get(0), concurrency, concurrency * 2);

        Instant started = Instant.now();
        String planId = plans.createAndStart(yaml, "chaos: orchestrator crashes");
        AtomicReference<JsonNode> last = new AtomicReference<>();
        List<String> killLog = new ArrayList<>();
        for (Duration pause : schedule.pauses()) {
            Instant killAt = Instant.now().plus(pause);
            await("the next kill's moment or the plan's end").atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        JsonNode plan = plans.advance(planId);
                        if (plan != null) {
                            last.set(plan);
                        }
                        return Plans.ended(plan) || !Instant.now().isBefore(killAt);
                    });
            if (Plans.ended(last.get())) {
                break;
            }
            Instant killed = Instant.now();
            stack.kill(ORCHESTRATOR);
            stack.restart(ORCHESTRATOR);
            killLog.add("kill %d at +%.1f s (plan %s %s), back after %.1f s".formatted(killLog.size() + 1,
                    seconds(started, killed), last.get().path("state").asText(), Plans.stepCounts(last.get()),
                    seconds(killed, Instant.now())));
        }
        plans.await(planId, last, Plans::ended, "the end", Duration.ofMinutes(full ? 15 : 4), Duration.ofMillis(500));
        Instant ended = Instant.now();

        JsonNode plan = last.get();
        List<JsonNode> audit = plans.audit(planId);
        List<StepChains.Step> steps = Plans.steps(audit);
        Map<String, JsonNode> inventory = plans.clusters();
        FleetRecorder recorder = stack.fleet().recorder();
        Map<String, Long> installs = new TreeMap<>();
        clusters.forEach(cluster -> installs.put(cluster, recorder.installs(cluster)));
        Map<Long, Integer> installHistogram = new TreeMap<>();
        installs.values().forEach(n -> installHistogram.merge(n, 1, Integer::sum));
        JsonNode verification = plans.verify();

        System.out.println("[chaos crash] plan " + planId + " " + plan.path("state").asText() + " in "
                + "%.1f s".formatted(seconds(started, ended)) + " over " + clusters.size() + " clusters, seed " + seed);
        killLog.forEach(line -> System.out.println("[chaos crash]   " + line));
        System.out.println("[chaos crash] clusters by installs received (installs=clusters): " + installHistogram);
        System.out.println("[chaos crash] audit: " + audit.size() + " entries " + Plans.byType(audit)
                + "; verify: " + verification);

        SystemReport.publish("chaos-orchestrator-" + (full ? "full" : "ci"), table(planId, plan, clusters.size(), seed,
                Duration.between(started, ended), killLog, installHistogram, audit, verification));

        assertThat(killLog).as("every kill fell inside the plan (seed %d)", seed).hasSize(kills);
        assertThat(plan.path("state").asText()).as("plan %s (seed %d): %s", planId, seed, plan).isEqualTo("SUCCEEDED");
        assertThat(clusters.stream().map(c -> plans.notConverged(c, ChaosStack.TARGET, inventory))
                .filter(Objects::nonNull).toList()).as("clusters not at the target (seed %d)", seed).isEmpty();
        assertThat(installs).as("installs each cluster received (seed %d)", seed)
                .allSatisfy((cluster, count) -> assertThat(count).as(cluster).isEqualTo(1L));
        assertThat(verification.path("valid").asBoolean()).as("audit verify: %s", verification).isTrue();
        assertThat(StepChains.gaps(steps)).as("holes in the clusters' step sequences (seed %d)", seed).isEmpty();
        assertThat(StepChains.lastSteps(steps)).as("every cluster's trail ends SUCCEEDED")
                .containsOnlyKeys(clusters).allSatisfy((cluster, step) -> assertThat(step).isEqualTo("SUCCEEDED"));
    }

    private static String table(String planId, JsonNode plan, int clusters, long seed, Duration took,
                                List<String> killLog, Map<Long, Integer> installHistogram, List<JsonNode> audit,
                                JsonNode verification) {
        StringBuilder out = new StringBuilder();
        out.append("#### ").append(clusters).append(" clusters, ").append(killLog.size())
                .append(" orchestrator kills (seed ").append(seed).append(")\n\n");
        out.append("Run ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("; plan ").append(planId)
                .append(" ").append(plan.path("state").asText()).append(" in ")
                .append("%.1f s".formatted(took.toMillis() / 1000.0)).append(".\n\n");
        out.append("| kill | when, plan state and clusters by step, restart |\n| --- | --- |\n");
        for (int i = 0; i < killLog.size(); i++) {
            out.append("| ").append(i + 1).append(" | ").append(killLog.get(i).replaceFirst("^kill \\d+ ", ""))
                    .append(" |\n");
        }
        out.append("\n| figure | value |\n| --- | --- |\n");
        out.append("| clusters by installs received | ").append(installHistogram).append(" (installs=clusters) |\n");
        out.append("| audit entries | ").append(audit.size()).append(" ").append(Plans.byType(audit)).append(" |\n");
        out.append("| audit chain | ").append(verification.path("valid").asBoolean() ? "verifies" : "BROKEN: "
                + verification).append(", no gap in any cluster's step sequence |\n");
        return out.toString();
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
