package io.meshfleet.roller;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshfleet.events.AbortRoll;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.NamespaceConverged;
import io.meshfleet.events.NamespaceFailurePolicy;
import io.meshfleet.events.NamespaceOrder;
import io.meshfleet.events.NamespaceProgress;
import io.meshfleet.events.PauseRoll;
import io.meshfleet.events.PodProblem;
import io.meshfleet.events.RollFailed;
import io.meshfleet.events.RollSidecars;
import io.meshfleet.events.SidecarLimits;
import io.meshfleet.events.Topics;
import io.meshfleet.messaging.testing.TestKafka;
import io.meshfleet.roller.ScriptedAgent.Executed;
import io.meshfleet.roller.engine.RollEngine;
import io.meshfleet.stack.quarkus.KafkaTestResource;
import io.meshfleet.stack.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whole rolls through the real broker and PostgreSQL, a {@link ScriptedAgent} playing the cluster-agent:
 * restarts are paced, signed and executed once each, the roll survives a restart of its engine, a
 * crash-looping proxy fails the namespace naming its pods, and pause, resume and abort act before the
 * next restart.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class RollSidecarsIT {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final String TARGET = ScriptedAgent.TARGET;

    @Inject
    RollEngine engine;

    private static Envelope roll(String planId, String clusterId, List<String> namespaces, SidecarLimits limits,
            int deadlineSeconds) {
        return Envelope.of("test/orchestrator", new RollSidecars(planId, clusterId, namespaces, TARGET, limits,
                deadlineSeconds, NamespaceOrder.AS_LISTED, NamespaceFailurePolicy.STOP_CLUSTER), CLOCK).withPlan(planId);
    }

    @Test
    void twoNamespacesRollAtTheClusterRateAcrossAnEngineRestartWithNoWorkloadRestartedTwice() throws Exception {
        try (ScriptedAgent agent = new ScriptedAgent("edge-roll", Duration.ofMillis(500))
                .deployment("shop", "web", 2).deployment("shop", "api", 1).deployment("shop", "worker", 1)
                .deployment("payments", "ledger", 2).deployment("payments", "gateway", 1).start()) {
            Envelope roll = roll("plan-roll", "edge-roll", List.of("payments", "shop"), new SidecarLimits(100, 5, "100%"),
                    600);
            TestKafka.publish(roll);

            // One namespace at a time (test profile). The first minute's budget of 5 pods: payments/ledger (2),
            // payments/gateway (1), then shop/web (2); shop/api and shop/worker must wait for the next minute.
            await().atMost(Duration.ofSeconds(30)).until(() -> agent.executed().stream()
                    .mapToInt(e -> e.workloads().size()).sum() == 3);
            Executed first = agent.executed().get(0);

            // The roller dies mid-namespace and comes back: everything in memory is rebuilt from PostgreSQL.
            engine.restore();

            await().atMost(Duration.ofSeconds(120)).until(agent::allConverged);
            for (String workload : List.of("web", "api", "worker")) {
                assertThat(agent.restarts("shop", workload)).as("shop/" + workload).isEqualTo(1);
            }
            assertThat(agent.restarts("payments", "ledger")).isEqualTo(1);
            assertThat(agent.restarts("payments", "gateway")).isEqualTo(1);
            assertThat(agent.refused()).as("every command verified against the pinned roller key, none replayed").isEmpty();
            List<Executed> later = agent.executed().stream()
                    .filter(e -> e.workloads().contains("api") || e.workloads().contains("worker")).toList();
            assertThat(later).isNotEmpty().allSatisfy(e -> assertThat(e.at())
                    .as("the rest waits for the first minute's tokens, also across the restart")
                    .isAfterOrEqualTo(first.at().plusSeconds(59)));

            for (String namespace : List.of("shop", "payments")) {
                Envelope converged = TestKafka.awaitEnvelope(Topics.ROLLER_EVENTS, e -> e.data() instanceof NamespaceConverged c
                        && c.clusterId().equals("edge-roll") && c.namespace().equals(namespace));
                assertThat(converged.correlationId()).isEqualTo(roll.id());
                assertThat(((NamespaceConverged) converged.data()).pods()).isEqualTo(namespace.equals("shop") ? 4 : 3);
            }
            NamespaceProgress progress = (NamespaceProgress) TestKafka.awaitEnvelope(Topics.ROLLER_EVENTS,
                    e -> e.data() instanceof NamespaceProgress p && p.clusterId().equals("edge-roll")
                            && p.namespace().equals("shop") && p.converged() == 4).data();
            assertThat(progress).isEqualTo(new NamespaceProgress("plan-roll", "edge-roll", "shop", 4, 4, 4, 0));
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).contains("meshfleet_roller_restarts_issued_total{cluster=\"edge-roll\"} 7.0")
                    .contains("meshfleet_roller_pods_converged_total{cluster=\"edge-roll\"} 7.0")
                    .contains("meshfleet_roller_rate{cluster=\"edge-roll\"")
                    .contains("meshfleet_roller_workloads_blocked");
        }
    }

    @Test
    void aCrashLoopingProxyFailsTheRollNamingThePods() throws Exception {
        try (ScriptedAgent agent = new ScriptedAgent("edge-crash", Duration.ofMillis(300))
                .deployment("shop", "web", 2).crashLoopsAfterRestart("shop", "web").deployment("shop", "cart", 1)
                .deployment("later", "app", 1).start()) {
            TestKafka.publish(roll("plan-crash", "edge-crash", List.of("shop", "later"), new SidecarLimits(100, 100, "2"),
                    600));

            RollFailed failed = (RollFailed) TestKafka.awaitEnvelope(Topics.ROLLER_EVENTS,
                    e -> e.data() instanceof RollFailed f && f.clusterId().equals("edge-crash")).data();

            assertThat(failed.namespace()).isEqualTo("shop");
            assertThat(failed.reason()).isEqualTo("CRASH_LOOPING");
            assertThat(failed.pods()).contains(new PodProblem("web-1-0", "crash-looping: 1/2 ready after 4 restarts"),
                    new PodProblem("web-1-1", "crash-looping: 1/2 ready after 4 restarts"));
            assertThat(agent.restarts("later", "app")).as("the failure stops the cluster's roll").isZero();
        }
    }

    @Test
    void pauseHoldsEveryRestartUntilTheRollIsSentAgainAndAbortEndsIt() throws Exception {
        Envelope roll = roll("plan-pause", "edge-pause", List.of(), new SidecarLimits(100, 100, "1"), 600);
        // Roll and pause arrive before the first state report: the pause is applied before any restart.
        TestKafka.publish(roll);
        TestKafka.publish(Envelope.of("test/orchestrator", new PauseRoll("plan-pause", "edge-pause"), CLOCK));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/v1/rolls").then().extract()
                .jsonPath().getList("findAll { it.clusterId == 'edge-pause' && it.status == 'PAUSED' }").size() == 1);
        try (ScriptedAgent agent = new ScriptedAgent("edge-pause", Duration.ofSeconds(3))
                .deployment("shop", "a", 1).deployment("shop", "b", 1).deployment("shop", "c", 1).start()) {
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> agent.executed().isEmpty());

            TestKafka.publish(roll("plan-pause", "edge-pause", List.of(), new SidecarLimits(100, 100, "1"), 600));
            await().atMost(Duration.ofSeconds(30)).until(() -> !agent.executed().isEmpty());

            TestKafka.publish(Envelope.of("test/orchestrator", new AbortRoll("plan-pause", "edge-pause", "test aborts"),
                    CLOCK));
            RollFailed aborted = (RollFailed) TestKafka.awaitEnvelope(Topics.ROLLER_EVENTS,
                    e -> e.data() instanceof RollFailed f && f.clusterId().equals("edge-pause")).data();
            assertThat(aborted.reason()).isEqualTo("ABORTED");
            int restartsAtAbort = agent.executed().size();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> agent.executed().size() == restartsAtAbort);
            assertThat(restartsAtAbort).as("maxUnavailable 1 and pods ready 3 s after a restart: only the first").isEqualTo(1);
        }
    }
}
