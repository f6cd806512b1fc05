package io.meshfleet.sim.controllers;

import static io.meshfleet.sim.store.BuiltInResources.DEPLOYMENTS;
import static io.meshfleet.sim.store.BuiltInResources.PODS;
import static io.meshfleet.sim.store.BuiltInResources.REPLICA_SETS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.store.Json;
import io.meshfleet.sim.store.PatchType;
import io.meshfleet.sim.store.StoreWatch;
import io.meshfleet.sim.store.StoredObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deployments in virtual time: ReplicaSets, status, and rolling updates that honour maxSurge and maxUnavailable. */
class DeploymentRolloutTest {

    private static final String SCENARIO = """
            clusters:
              - name: c1
                mesh: {version: 1.6.14-asm.1, profile: asm-multicloud}
                namespaces:
                  - name: shop
                    injection: true
                    workloads:
                      - {kind: Deployment, name: frontend, replicas: 4}
            """;

    private final TestCluster cluster = TestCluster.of(SCENARIO);

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void aSeededDeploymentRunsItsReplicaSetAndReportsWhatRolloutStatusReads() {
        ObjectNode deployment = cluster.get(DEPLOYMENTS, "shop", "frontend");
        List<StoredObject> sets = cluster.store.list(REPLICA_SETS, "shop").items();
        assertThat(sets).hasSize(1);
        ObjectNode rs = sets.get(0).node();
        String hash = rs.at("/metadata/labels/pod-template-hash").asText();
        assertThat(rs.at("/metadata/name").asText()).isEqualTo("frontend-" + hash);
        assertThat(rs.at("/spec/selector/matchLabels/pod-template-hash").asText()).isEqualTo(hash);
        assertThat(rs.at("/metadata/annotations/deployment.kubernetes.io~1revision").asText()).isEqualTo("1");
        assertThat(cluster.pods("shop", "frontend")).hasSize(4)
                .allSatisfy(pod -> {
                    assertThat(pod.ready()).isTrue();
                    assertThat(pod.label("pod-template-hash")).isEqualTo(hash);
                    assertThat(pod.name()).startsWith("frontend-" + hash + "-");
                });

        JsonNode status = deployment.path("status");
        assertThat(status.path("observedGeneration").asLong()).isEqualTo(1);
        assertThat(status.path("replicas").asInt()).isEqualTo(4);
        assertThat(status.path("updatedReplicas").asInt()).isEqualTo(4);
        assertThat(status.path("readyReplicas").asInt()).isEqualTo(4);
        assertThat(status.path("availableReplicas").asInt()).isEqualTo(4);
        assertThat(condition(status, "Available").path("reason").asText()).isEqualTo("MinimumReplicasAvailable");
        assertThat(condition(status, "Progressing").path("reason").asText()).isEqualTo("NewReplicaSetAvailable");
        assertThat(deployment.at("/metadata/annotations/deployment.kubernetes.io~1revision").asText()).isEqualTo("1");
    }

    @Test
    void aRestartWithTheDefaultStrategyKeepsWithinOneSurgeAndOneUnavailable() {
        // 4 replicas at 25%/25%: maxSurge rounds up to 1, maxUnavailable down to 1.
        Bounds bounds = watchBounds();

        cluster.restart(DEPLOYMENTS, "shop", "frontend");
        cluster.advance(Duration.ofMinutes(3));

        assertRolledOut(2);
        assertThat(bounds.maxLive.get()).isEqualTo(5);
        assertThat(bounds.minReady.get()).isEqualTo(3);
    }

    @Test
    void maxUnavailableZeroNeverLosesAReadyPod() {
        ObjectNode patch = Json.object();
        patch.putObject("spec").putObject("strategy").putObject("rollingUpdate").put("maxSurge", 2)
                .put("maxUnavailable", 0);
        cluster.store.patch(DEPLOYMENTS, "shop", "frontend", PatchType.STRATEGIC_MERGE, patch);
        cluster.scheduler.runUntilIdle();
        Bounds bounds = watchBounds();

        cluster.restart(DEPLOYMENTS, "shop", "frontend");
        cluster.advance(Duration.ofMinutes(3));

        assertRolledOut(2);
        assertThat(bounds.maxLive.get()).isEqualTo(6);
        assertThat(bounds.minReady.get()).isEqualTo(4);
    }

    @Test
    void aRestartWaitsForEachBatchToBecomeReady() {
        cluster.restart(DEPLOYMENTS, "shop", "frontend");
        // podScheduling 2s + containerStart 5s: the first batch is not ready yet after 6 simulated seconds.
        cluster.advance(Duration.ofSeconds(6));
        JsonNode status = cluster.get(DEPLOYMENTS, "shop", "frontend").path("status");
        assertThat(status.path("observedGeneration").asLong()).isEqualTo(2);
        assertThat(status.path("updatedReplicas").asInt()).isEqualTo(2);
        assertThat(condition(status, "Progressing").path("reason").asText()).isEqualTo("ReplicaSetUpdated");
        long terminating = cluster.pods("shop", "frontend").stream().filter(PodView::terminating).count();
        assertThat(terminating).isEqualTo(1);

        cluster.advance(Duration.ofMinutes(2));
        assertRolledOut(2);
    }

    @Test
    void recreateStopsEveryOldPodBeforeStartingNewOnes() {
        ObjectNode patch = Json.object();
        patch.putObject("spec").putObject("strategy").put("type", "Recreate").putNull("rollingUpdate");
        cluster.store.patch(DEPLOYMENTS, "shop", "frontend", PatchType.MERGE, patch);
        cluster.scheduler.runUntilIdle();
        Bounds bounds = watchBounds();

        cluster.restart(DEPLOYMENTS, "shop", "frontend");
        cluster.advance(Duration.ofSeconds(5));
        assertThat(cluster.pods("shop", "frontend")).allSatisfy(pod -> assertThat(pod.terminating()).isTrue());

        cluster.advance(Duration.ofMinutes(2));
        assertRolledOut(2);
        assertThat(bounds.minReady.get()).isZero();
        assertThat(bounds.maxLive.get()).isEqualTo(4);
    }

    @Test
    void oldReplicaSetsBeyondTheHistoryLimitAreDeleted() {
        ObjectNode patch = Json.object();
        patch.putObject("spec").put("revisionHistoryLimit", 1);
        cluster.store.patch(DEPLOYMENTS, "shop", "frontend", PatchType.MERGE, patch);
        for (int i = 0; i < 3; i++) {
            cluster.restart(DEPLOYMENTS, "shop", "frontend");
            cluster.advance(Duration.ofMinutes(3));
        }
        assertRolledOut(4);
        assertThat(cluster.store.list(REPLICA_SETS, "shop").items()).hasSize(2);
    }

    private void assertRolledOut(int revision) {
        ObjectNode deployment = cluster.get(DEPLOYMENTS, "shop", "frontend");
        JsonNode status = deployment.path("status");
        assertThat(status.path("observedGeneration").asLong())
                .isEqualTo(deployment.at("/metadata/generation").asLong());
        assertThat(status.path("replicas").asInt()).isEqualTo(4);
        assertThat(status.path("updatedReplicas").asInt()).isEqualTo(4);
        assertThat(status.path("availableReplicas").asInt()).isEqualTo(4);
        assertThat(status.has("unavailableReplicas")).isFalse();
        assertThat(condition(status, "Progressing").path("reason").asText()).isEqualTo("NewReplicaSetAvailable");
        assertThat(deployment.at("/metadata/annotations/deployment.kubernetes.io~1revision").asText())
                .isEqualTo(Integer.toString(revision));
        String hash = PodTemplateHash.of(deployment.at("/spec/template"), 0);
        assertThat(cluster.pods("shop", "frontend")).hasSize(4).allSatisfy(pod -> {
            assertThat(pod.label("pod-template-hash")).isEqualTo(hash);
            assertThat(pod.ready()).isTrue();
        });
    }

    private static JsonNode condition(JsonNode status, String type) {
        for (JsonNode condition : status.path("conditions")) {
            if (condition.path("type").asText().equals(type)) {
                return condition;
            }
        }
        throw new AssertionError("no condition " + type + " in " + status);
    }

    /** The most live (not terminating) and the fewest ready frontend pods seen after any change. */
    private record Bounds(AtomicInteger maxLive, AtomicInteger minReady, StoreWatch watch) {
    }

    private Bounds watchBounds() {
        AtomicInteger maxLive = new AtomicInteger();
        AtomicInteger minReady = new AtomicInteger(Integer.MAX_VALUE);
        StoreWatch watch = cluster.store.watch(PODS, "shop", io.meshfleet.sim.store.Selector.ALL,
                Long.toString(cluster.store.resourceVersion()), event -> {
                    int live = 0;
                    int ready = 0;
                    for (PodView pod : cluster.pods("shop", "frontend")) {
                        if (!pod.terminating()) {
                            live++;
                            ready += pod.ready() ? 1 : 0;
                        }
                    }
                    maxLive.accumulateAndGet(live, Math::max);
                    minReady.accumulateAndGet(ready, Math::min);
                });
        return new Bounds(maxLive, minReady, watch);
    }
}
