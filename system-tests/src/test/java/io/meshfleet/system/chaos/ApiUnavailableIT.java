package io.meshfleet.system.chaos;

import static io.meshfleet.system.chaos.ChaosStack.API;
import static io.meshfleet.system.chaos.ChaosStack.API_OUTAGE_CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.fleetctl.api.ApiException;
import io.meshfleet.fleetctl.api.RestClient;
import io.meshfleet.sim.fleet.ApiHealth;
import io.meshfleet.sim.fleet.FleetRecorder;
import io.meshfleet.system.stack.SystemReport;
import io.meshfleet.system.stack.SystemStack;
import java.time.Duration;
import java.time.Instant;
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
 * Issue 12 item 4: one cluster's API server stops answering while the cluster is being installed. A plan over the
 * {@code api} group (canary api-001, then api-002 and api-003 one at a time, {@code maxFailures: 0}, install deadline
 * {@value #INSTALL_DEADLINE_SECONDS} s); as soon as api-002 is INSTALLING, fleet-sim stops answering its API
 * (requests in flight and new ones). Asserted: api-002's INSTALLING step ends FAILED within the plan's install
 * deadline (plus the orchestrator's one-second tick), the wave fails and the plan is HALTED as {@code maxFailures: 0}
 * says, api-003 is left untouched (still PENDING, no install reached it, still at the old version), and the audit
 * entry says why (the step, the deadline or the agent's reason). Then the API answers again and the cluster is retried
 * through the REST API as {@code fleetctl plan retry} does: the plan completes, every cluster at the target with every
 * sidecar on it, one install in effect per cluster (fleet-sim's record), the audit chain verifies and every cluster's
 * step sequence is whole. Prints its figures and writes them to {@code target/system/chaos-cluster-faults.md}
 * ({@code -Dsystem.report=update}: into {@code docs/system-tests.md}).
 */
@ExtendWith(ChaosStack.class)
@Order(3)
class ApiUnavailableIT {

    static final int INSTALL_DEADLINE_SECONDS = 20;
    private static final Duration TICK_SLACK = Duration.ofSeconds(5);
    private static final String REPORT_SECTION = "chaos-cluster-faults";

    private static SystemStack stack;

    @BeforeAll
    static void stack(SystemStack shared) {
        stack = shared;
    }

    @Test
    void aClusterWhoseApiStopsAnsweringMidInstallFailsAtItsDeadlineHaltsThePlanAndCompletesWhenRetried()
            throws Exception {
        List<String> clusters = ChaosStack.clusters(API);
        String dark = API_OUTAGE_CLUSTER;
        String after = clusters.get(clusters.size() - 1);
        assertThat(clusters).containsExactly("api-001", dark, after);
        Plans plans = new Plans(stack);
        String yaml = """
                name: chaos-api-outage
                targetVersion: %s
                fromVersion: %s
                installer: operator
                selector: {matchLabels: {chaos: %s}}
                waves:
                  - {clusters: [%s]}
                  - {clusters: [%s, %s], maxConcurrency: 1, maxFailures: 0}
                sidecarLimits: {podsPerMinutePerNamespace: 100, podsPerMinutePerCluster: 100, maxUnavailable: "50%%"}
                failurePolicy: HALT
                deadlines: {install: %ds}
                """.formatted(ChaosStack.TARGET, ChaosStack.FROM, API, clusters.get(0), dark, after,
                INSTALL_DEADLINE_SECONDS);
        FleetRecorder recorder = stack.fleet().recorder();

        Instant started = Instant.now();
        String planId = plans.createAndStart(yaml, "chaos: one cluster's API stops answering");
        AtomicReference<JsonNode> last = new AtomicReference<>();
        plans.await(planId, last, plan -> "INSTALLING".equals(Plans.step(plan, dark)), dark + " INSTALLING",
                Duration.ofMinutes(2), Duration.ofMillis(100));
        stack.fleet().apiHealth(dark, ApiHealth.UNAVAILABLE);
        Instant wentDark = Instant.now();
        boolean installReachedCluster = recorder.installs(dark) > 0;

        plans.await(planId, last, Plans::ended, "the halt", Duration.ofSeconds(INSTALL_DEADLINE_SECONDS * 3L),
                Duration.ofMillis(200));
        Instant halted = Instant.now();
        JsonNode haltedPlan = last.get();
        List<JsonNode> auditAtHalt = plans.audit(planId);
        JsonNode failedEntry = lastStepEntry(auditAtHalt, dark, "FAILED");
        JsonNode installingEntry = lastStepEntry(auditAtHalt, dark, "INSTALLING");
        Duration inInstalling = Duration.between(Instant.parse(installingEntry.path("at").asText()),
                Instant.parse(failedEntry.path("at").asText()));
        Duration toDetect = Duration.between(wentDark, Instant.parse(failedEntry.path("at").asText()));
        String reason = failedEntry.path("reason").asText();
        System.out.println("[chaos api] " + dark + " API stopped answering at +" + seconds(started, wentDark)
                + " s (install request already at the cluster: " + installReachedCluster + "); step FAILED after "
                + seconds(inInstalling) + " s in INSTALLING (deadline " + INSTALL_DEADLINE_SECONDS + " s), "
                + seconds(toDetect) + " s after the API went dark; plan " + haltedPlan.path("state").asText()
                + " " + Plans.stepCounts(haltedPlan));
        System.out.println("[chaos api] audit reason: " + reason);

        assertThat(haltedPlan.path("state").asText()).as("plan after the failure: %s", haltedPlan).isEqualTo("HALTED");
        assertThat(haltedPlan.path("waves").get(1).path("state").asText()).isEqualTo("FAILED");
        assertThat(Plans.step(haltedPlan, dark)).isEqualTo("FAILED");
        assertThat(Plans.step(haltedPlan, after)).as("the cluster after it is untouched").isEqualTo("PENDING");
        assertThat(recorder.installs(after)).as("installs that reached " + after).isZero();
        assertThat(plans.clusters().get(after).path("meshVersion").asText()).isEqualTo(ChaosStack.FROM);
        assertThat(inInstalling).as("time in INSTALLING before it failed")
                .isLessThanOrEqualTo(Duration.ofSeconds(INSTALL_DEADLINE_SECONDS).plus(TICK_SLACK));
        assertThat(failedEntry.path("from").asText()).as("the step it failed at").isEqualTo("INSTALLING");
        assertThat(reason).as("the audit says why: the agent's verdict, or the step's deadline")
                .containsAnyOf("CLUSTER_API_UNREACHABLE", "INSTALLING took longer than PT" + INSTALL_DEADLINE_SECONDS + "S");

        // The API answers again; the operator retries the cluster as `fleetctl plan retry` does.
        stack.fleet().apiHealth(dark, ApiHealth.AVAILABLE);
        Instant lifted = Instant.now();
        RestClient orchestrator = new RestClient("orchestrator", stack.environment().url("orchestrator"),
                stack.environment().token(), "the chaos tests");
        JsonNode retried = orchestrator.post("/api/v1/plans/" + planId + "/clusters/" + dark + "/retry",
                Map.of("reason", "chaos test: the API of " + dark + " answers again"), Map.of());
        assertThat(retried.path("state").asText()).as("plan after the retry: %s", retried).isEqualTo("RUNNING");
        plans.await(planId, last, Plans::ended, "the end after the retry", Duration.ofMinutes(3),
                Duration.ofMillis(500));
        Instant ended = Instant.now();

        JsonNode plan = last.get();
        List<JsonNode> audit = plans.audit(planId);
        Map<String, JsonNode> inventory = plans.clusters();
        Map<String, Long> installs = new TreeMap<>();
        clusters.forEach(cluster -> installs.put(cluster, recorder.installs(cluster)));
        JsonNode verification = plans.verify();
        System.out.println("[chaos api] plan " + planId + " " + plan.path("state").asText() + " "
                + seconds(lifted, ended) + " s after the retry, " + seconds(started, ended) + " s in all; installs "
                + installs + "; audit " + audit.size() + " entries " + Plans.byType(audit) + "; verify "
                + verification);

        SystemReport.publish(REPORT_SECTION, table(plan, haltedPlan, installReachedCluster, seconds(started, wentDark), inInstalling, toDetect,
                reason, seconds(lifted, ended), installs, audit.size(), verification.path("valid").asBoolean()));

        assertThat(plan.path("state").asText()).as("plan %s: %s", planId, plan).isEqualTo("SUCCEEDED");
        assertThat(clusters.stream().map(c -> plans.notConverged(c, ChaosStack.TARGET, inventory))
                .filter(Objects::nonNull).toList()).as("clusters not at the target").isEmpty();
        assertThat(installs).as("installs each cluster received (the retry re-applied the same IstioOperator)")
                .allSatisfy((cluster, count) -> assertThat(count).as(cluster).isEqualTo(1L));
        assertThat(verification.path("valid").asBoolean()).as("audit verify: %s", verification).isTrue();
        List<StepChains.Step> steps = Plans.steps(audit);
        assertThat(StepChains.gaps(steps)).as("holes in the clusters' step sequences").isEmpty();
        assertThat(StepChains.lastSteps(steps)).containsOnlyKeys(clusters)
                .allSatisfy((cluster, last1) -> assertThat(last1).isEqualTo("SUCCEEDED"));
        assertThat(audit).as("the retry is in the trail with its reason").anySatisfy(entry -> {
            assertThat(entry.path("type").asText()).isEqualTo("OPERATOR_ACTION");
            assertThat(entry.path("to").asText()).isEqualTo("RETRY");
            assertThat(entry.path("clusterId").asText()).isEqualTo(dark);
        });
    }

    private static String table(JsonNode plan, JsonNode haltedPlan, boolean installReachedCluster, String darkAfter,
                                Duration inInstalling, Duration toDetect, String reason, String retryToEnd,
                                Map<String, Long> installs, int auditEntries, boolean valid) {
        StringBuilder table = new StringBuilder();
        table.append("#### One cluster's API stops answering mid-install (`ApiUnavailableIT`)\n\n");
        table.append("Run ").append(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .append("; plan over the `api` group: canary api-001, then ").append(API_OUTAGE_CLUSTER)
                .append(" and api-003 one at a time (`maxFailures: 0`), operator installer, `deadlines.install: ")
                .append(INSTALL_DEADLINE_SECONDS).append("s`, failure policy HALT; fleet-sim time scale 60.\n\n");
        table.append("| figure | value |\n| --- | --- |\n");
        row(table, "API of " + API_OUTAGE_CLUSTER + " stopped answering", "+" + darkAfter
                + " s after the plan started, as soon as the cluster was INSTALLING (install request had reached the "
                + "cluster: " + (installReachedCluster ? "yes" : "no") + ")");
        row(table, "install step deadline (plan spec)", INSTALL_DEADLINE_SECONDS + " s");
        row(table, "time in INSTALLING until FAILED (audit)", seconds(inInstalling) + " s");
        row(table, "time to detect (API stopped to cluster FAILED)", seconds(toDetect) + " s");
        row(table, "audit reason", "`" + reason.replace("|", "\\|").replace("\n", " ") + "`");
        row(table, "plan after the failure", haltedPlan.path("state").asText() + ", clusters by step "
                + Plans.stepCounts(haltedPlan) + "; api-003 received no install");
        row(table, "after the API answered again", "retried through the REST API; plan "
                + plan.path("state").asText() + " " + retryToEnd + " s later");
        row(table, "installs received per cluster (fleet-sim)", installs.toString());
        row(table, "audit chain", auditEntries + " entries of the plan, chain " + (valid ? "valid" : "INVALID"));
        return table.toString();
    }

    private static void row(StringBuilder table, String figure, String value) {
        table.append("| ").append(figure).append(" | ").append(value).append(" |\n");
    }

    /** The cluster's last CLUSTER_STEP entry into {@code to}. */
    private static JsonNode lastStepEntry(List<JsonNode> audit, String cluster, String to) throws ApiException {
        JsonNode found = null;
        for (JsonNode entry : audit) {
            if ("CLUSTER_STEP".equals(entry.path("type").asText()) && cluster.equals(entry.path("clusterId").asText())
                    && to.equals(entry.path("to").asText())) {
                found = entry;
            }
        }
        assertThat(found).as("a CLUSTER_STEP entry of %s into %s", cluster, to).isNotNull();
        return found;
    }

    private static String seconds(Instant from, Instant to) {
        return seconds(Duration.between(from, to));
    }

    private static String seconds(Duration duration) {
        return "%.1f".formatted(duration.toMillis() / 1000.0);
    }
}
