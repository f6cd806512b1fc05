package io.meshfleet.system.chaos;

import static io.meshfleet.system.chaos.ChaosStack.BOUNCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.Topics;
import io.meshfleet.sim.fleet.FleetRecorder;
import io.meshfleet.system.scale.PrometheusText;
import io.meshfleet.system.stack.EnvelopeLog;
import io.meshfleet.system.stack.SystemReport;
import io.meshfleet.system.stack.SystemStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12 item 3: the Kafka broker bounced while the canary is being changed, and PostgreSQL restarted while the next
 * wave is in flight. The plan must complete, every cluster at the target, one install each, and nothing acknowledged
 * may be lost: every command the orchestrator recorded as sent (its outbox, audited as COMMAND_SENT) is on the
 * commands topic, every answer was consumed (the plan could not have completed otherwise) and the audit chain verifies
 * with every cluster's step sequence whole. No service dead-letters a message as PROCESSING_FAILED: a database outage
 * is waited out, not blamed on the message (fleet-messaging's transient retries, counted and printed).
 */
@ExtendWith(ChaosStack.class)
@Order(2)
class BrokerAndDatabaseRestartIT {

    private static final Set<String> CHANGING = Set.of("INSTALLING", "AWAITING_CONTROL_PLANE", "ROLLING_SIDECARS");

    private static final String[] PROCESSING_FAILED = {"meshfleet_messages_dead_letters_total",
        "reason=\"PROCESSING_FAILED\""};
    private static final String[] TRANSIENT_RETRIES = {"meshfleet_messages_transient_retries_total", null};
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static SystemStack stack;

    @BeforeAll
    static void stack(SystemStack shared) {
        stack = shared;
    }

    @Test
    void thePlanCompletesAcrossABrokerBounceAndADatabaseRestartAndLosesNothing() throws Exception {
        List<String> clusters = ChaosStack.clusters(BOUNCE);
        String canary = clusters.get(0);
        Plans plans = new Plans(stack);
        String yaml = """
                name: chaos-broker-database
                targetVersion: %s
                fromVersion: %s
                selector: {matchLabels: {chaos: %s}}
                waves:
                  - {clusters: [%s]}
                  - {percent: 100, maxConcurrency: 4, maxFailures: 0, soak: 2s}
                sidecarLimits: {podsPerMinutePerNamespace: 100, podsPerMinutePerCluster: 100, maxUnavailable: "50%%"}
                failurePolicy: HALT
                """.formatted(ChaosStack.TARGET, ChaosStack.FROM, BOUNCE, canary);
        List<String> log = new ArrayList<>();
        AtomicReference<JsonNode> last = new AtomicReference<>();
        try (EnvelopeLog commands = new EnvelopeLog(stack.environment().bootstrapServers(),
                List.of(Topics.AGENT_COMMANDS, Topics.ROLLER_COMMANDS))) {
            Map<String, Double> failedBefore = figures(PROCESSING_FAILED);
            Map<String, Double> retriesBefore = figures(TRANSIENT_RETRIES);
            Instant started = Instant.now();
            String planId = plans.createAndStart(yaml, "chaos: broker bounce and database restart");

            awaitPlan(plans, planId, last, plan -> CHANGING.contains(Plans.step(plan, canary)), "the canary being changed");
            Instant bounce = Instant.now();
            stack.environment().restartKafka();
            log.add("Kafka bounced at +%.1f s (canary %s), down %.1f s".formatted(seconds(started, bounce),
                    Plans.step(last.get(), canary), seconds(bounce, Instant.now())));

            awaitPlan(plans, planId, last, plan -> clusters.stream().skip(1)
                    .anyMatch(c -> CHANGING.contains(Plans.step(plan, c))), "a cluster of wave 1 being changed");
            // The database stays down until the orchestrator has been seen waiting for it with an answer in hand (its
            // transient-retry counter moved), so the run always covers what it is for: an answer arriving mid-outage.
            Instant restart = Instant.now();
            double waitingBefore = figures(TRANSIENT_RETRIES).get(ChaosStack.ORCHESTRATOR);
            stack.environment().stopPostgres();
            try {
                await("the orchestrator retrying an answer while PostgreSQL is down").atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                        .until(() -> figures(TRANSIENT_RETRIES).get(ChaosStack.ORCHESTRATOR) > waitingBefore);
            } finally {
                stack.environment().startPostgres();
            }
            log.add("PostgreSQL stopped at +%.1f s (plan %s), started again %.1f s later, once the orchestrator was retrying"
                    .formatted(seconds(started, restart), Plans.stepCounts(last.get()), seconds(restart, Instant.now())));

            awaitPlan(plans, planId, last, Plans::ended, "the plan's end");
            Instant ended = Instant.now();

            JsonNode plan = last.get();
            List<JsonNode> audit = plans.audit(planId);
            List<StepChains.Step> steps = Plans.steps(audit);
            Map<String, JsonNode> inventory = plans.clusters();
            FleetRecorder recorder = stack.fleet().recorder();
            Map<String, Long> installs = new TreeMap<>();
            clusters.forEach(cluster -> installs.put(cluster, recorder.installs(cluster)));
            JsonNode verification = plans.verify();
            List<JsonNode> sent = audit.stream().filter(e -> "COMMAND_SENT".equals(e.path("type").asText())).toList();
            await("every command the orchestrator sent on a commands topic").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> undelivered(sent, commands.all(), planId).isEmpty());
            long delivered = commands.all().stream().filter(e -> planId.equals(e.planId())).count();

            System.out.println("[chaos broker-db] plan " + planId + " " + plan.path("state").asText() + " in "
                    + "%.1f s".formatted(seconds(started, ended)) + " over " + clusters.size() + " clusters");
            log.forEach(line -> System.out.println("[chaos broker-db]   " + line));
            System.out.println("[chaos broker-db] installs per cluster: " + installs);
            System.out.println("[chaos broker-db] commands: " + sent.size() + " audited as sent, " + delivered
                    + " envelopes of the plan on the commands topics (the roller's restart commands and any redeliveries included)");
            Map<String, Double> failed = delta(figures(PROCESSING_FAILED), failedBefore);
            System.out.println("[chaos broker-db] dead letters PROCESSING_FAILED during the plan: " + failed
                    + "; transient retries (database unavailable): " + delta(figures(TRANSIENT_RETRIES), retriesBefore));
            System.out.println("[chaos broker-db] audit: " + audit.size() + " entries " + Plans.byType(audit)
                    + "; verify: " + verification);

            Map<String, Double> retries = delta(figures(TRANSIENT_RETRIES), retriesBefore);
            SystemReport.publish("chaos-infrastructure", table(planId, plan, clusters.size(), seconds(started, ended),
                    log, installs, sent.size(), delivered, failed, retries, audit, verification));

            assertThat(failed).as("messages dead-lettered as PROCESSING_FAILED, per service")
                    .allSatisfy((service, count) -> assertThat(count).as(service).isZero());
            assertThat(plan.path("state").asText()).as("plan %s: %s", planId, plan).isEqualTo("SUCCEEDED");
            assertThat(clusters.stream().map(c -> plans.notConverged(c, ChaosStack.TARGET, inventory))
                    .filter(Objects::nonNull).toList()).as("clusters not at the target").isEmpty();
            assertThat(installs).allSatisfy((cluster, count) -> assertThat(count).as(cluster).isEqualTo(1L));
            assertThat(verification.path("valid").asBoolean()).as("audit verify: %s", verification).isTrue();
            assertThat(StepChains.gaps(steps)).as("holes in the clusters' step sequences").isEmpty();
            assertThat(StepChains.lastSteps(steps)).containsOnlyKeys(clusters)
                    .allSatisfy((cluster, step) -> assertThat(step).isEqualTo("SUCCEEDED"));
        }
    }

    private static String table(String planId, JsonNode plan, int clusters, double seconds, List<String> log,
                                Map<String, Long> installs, int sent, long delivered, Map<String, Double> failed,
                                Map<String, Double> retries, List<JsonNode> audit, JsonNode verification) {
        StringBuilder out = new StringBuilder();
        out.append("#### Kafka bounced and PostgreSQL stopped mid-plan, ").append(clusters).append(" clusters\n\n");
        out.append("Run ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("; plan ").append(planId)
                .append(" ").append(plan.path("state").asText()).append(" in ").append("%.1f s".formatted(seconds))
                .append(".\n\n| figure | value |\n| --- | --- |\n");
        log.forEach(line -> out.append("| fault | ").append(line).append(" |\n"));
        Map<Long, Integer> histogram = new TreeMap<>();
        installs.values().forEach(n -> histogram.merge(n, 1, Integer::sum));
        out.append("| clusters by installs received | ").append(histogram).append(" (installs=clusters) |\n");
        out.append("| commands audited as sent / on the commands topics | ").append(sent).append(" / ").append(delivered)
                .append(" (every one sent was delivered) |\n");
        out.append("| dead letters PROCESSING_FAILED | ").append(failed).append(" |\n");
        out.append("| answers retried while the database was down | ").append(retries).append(" |\n");
        out.append("| audit | ").append(audit.size()).append(" entries, chain ")
                .append(verification.path("valid").asBoolean() ? "verifies" : "BROKEN").append(" |\n");
        return out.toString();
    }

    /** One figure of each service with a database, from its {@code /q/metrics}: the sum of the metric's samples. */
    private static Map<String, Double> figures(String[] metric) throws Exception {
        Map<String, Double> figures = new TreeMap<>();
        for (String service : List.of(ChaosStack.ORCHESTRATOR, "sidecar-roller", "artifact-service")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create(stack.environment().service(service).url() + "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            figures.put(service, PrometheusText.sum(response.body(), metric[0], metric[1]).orElse(0));
        }
        return figures;
    }

    /** Per service, now minus before (a counter restarted with its service counts from zero). */
    private static Map<String, Double> delta(Map<String, Double> now, Map<String, Double> before) {
        Map<String, Double> delta = new TreeMap<>();
        now.forEach((service, value) -> delta.put(service,
                value >= before.getOrDefault(service, 0.0) ? value - before.getOrDefault(service, 0.0) : value));
        return delta;
    }

    /** The COMMAND_SENT entries with no command of that type and correlation for that cluster on a commands topic. */
    private static List<String> undelivered(List<JsonNode> sent, List<Envelope> published, String planId) {
        Set<String> seen = published.stream().filter(e -> planId.equals(e.planId()))
                .map(e -> e.type() + "/" + e.subject() + "/" + e.correlationId()).collect(Collectors.toSet());
        return sent.stream().map(e -> e.path("to").asText() + "/" + e.path("clusterId").asText() + "/"
                + e.path("correlationId").asText()).filter(key -> !seen.contains(key)).toList();
    }

    private static void awaitPlan(Plans plans, String planId, AtomicReference<JsonNode> last, Predicate<JsonNode> until,
                                  String what) {
        plans.await(planId, last, until, what, Duration.ofMinutes(SystemStack.fullSize() ? 10 : 3),
                Duration.ofMillis(250));
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
