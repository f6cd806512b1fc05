package io.meshfleet.sim.controllers;

import static io.meshfleet.sim.store.BuiltInResources.DAEMON_SETS;
import static io.meshfleet.sim.store.BuiltInResources.JOBS;
import static io.meshfleet.sim.store.BuiltInResources.PODS;
import static io.meshfleet.sim.store.BuiltInResources.STATEFUL_SETS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.sim.store.StoreWatch;
import io.meshfleet.sim.store.WatchEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** StatefulSets, DaemonSets, Jobs and bare pods in virtual time. */
class WorkloadsTest {

    private static final String SCENARIO = """
            clusters:
              - name: c1
                mesh: {version: 1.6.14-asm.1}
                namespaces:
                  - name: shop
                    injection: true
                    workloads:
                      - {kind: StatefulSet, name: db, replicas: 3}
                      - {kind: Job, name: batch, replicas: 1}
                      - {kind: Pod, name: debug}
                  - name: monitoring
                    workloads:
                      - {kind: DaemonSet, name: exporter, replicas: 4}
                      - {kind: DaemonSet, name: small, replicas: 2}
            """;

    private final TestCluster cluster = TestCluster.of(SCENARIO);

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void aStatefulSetRunsOrdinalsAndRestartsFromTheHighestOneAtATime() {
        assertThat(names(cluster.pods("shop", "db"))).containsExactly("db-0", "db-1", "db-2");
        JsonNode status = cluster.get(STATEFUL_SETS, "shop", "db").path("status");
        assertThat(status.path("readyReplicas").asInt()).isEqualTo(3);
        assertThat(status.path("currentRevision").asText()).isEqualTo(status.path("updateRevision").asText());
        assertThat(cluster.get(STATEFUL_SETS, "shop", "db").at("/spec/updateStrategy/type").asText())
                .isEqualTo("RollingUpdate");
        List<String> deletions = new ArrayList<>();
        StoreWatch watch = cluster.store.watch(PODS, "shop", io.meshfleet.sim.store.Selector.ALL,
                Long.toString(cluster.store.resourceVersion()), event -> {
                    if (event.type() == WatchEvent.Type.MODIFIED && event.object().terminating()
                            && !deletions.contains(event.object().name())) {
                        deletions.add(event.object().name());
                        long live = cluster.pods("shop", "db").stream().filter(p -> !p.terminating()).count();
                        assertThat(live).as("only one pod down at a time").isEqualTo(2);
                    }
                });

        cluster.restart(STATEFUL_SETS, "shop", "db");
        // db-2 terminates for 10s, its successor starts in 2s and is ready 5s later: db-1 goes at 17s.
        cluster.advance(Duration.ofSeconds(16));
        assertThat(deletions).containsExactly("db-2");
        assertThat(cluster.pods("shop", "db")).filteredOn(p -> p.name().equals("db-2"))
                .singleElement().satisfies(p -> assertThat(p.ready()).isFalse());
        cluster.advance(Duration.ofSeconds(1));
        assertThat(deletions).containsExactly("db-2", "db-1");
        cluster.advance(Duration.ofMinutes(3));
        watch.close();

        assertThat(deletions).containsExactly("db-2", "db-1", "db-0");
        JsonNode after = cluster.get(STATEFUL_SETS, "shop", "db").path("status");
        assertThat(after.path("updateRevision").asText()).isNotEqualTo(status.path("updateRevision").asText());
        assertThat(after.path("currentRevision").asText()).isEqualTo(after.path("updateRevision").asText());
        assertThat(after.path("updatedReplicas").asInt()).isEqualTo(3);
        assertThat(after.path("observedGeneration").asLong()).isEqualTo(2);
        assertThat(cluster.pods("shop", "db")).allSatisfy(pod -> {
            assertThat(pod.ready()).isTrue();
            assertThat(pod.label("controller-revision-hash")).isEqualTo(after.path("updateRevision").asText());
        });
    }

    @Test
    void aDaemonSetRunsOnePodPerMatchingNodeAndRollsThemOneAtATime() {
        assertThat(cluster.pods("monitoring", "exporter")).hasSize(4)
                .extracting(PodView::nodeName).doesNotHaveDuplicates();
        assertThat(cluster.pods("monitoring", "small")).hasSize(2)
                .extracting(PodView::nodeName).containsExactlyInAnyOrder("c1-node-1", "c1-node-2");
        JsonNode status = cluster.get(DAEMON_SETS, "monitoring", "exporter").path("status");
        assertThat(status.path("desiredNumberScheduled").asInt()).isEqualTo(4);
        assertThat(status.path("numberReady").asInt()).isEqualTo(4);
        assertThat(status.path("updatedNumberScheduled").asInt()).isEqualTo(4);

        int[] mostUnready = {0};
        StoreWatch watch = cluster.store.watch(PODS, "monitoring", io.meshfleet.sim.store.Selector.ALL,
                Long.toString(cluster.store.resourceVersion()), event -> {
                    long ready = cluster.pods("monitoring", "exporter").stream()
                            .filter(p -> !p.terminating() && p.ready()).count();
                    mostUnready[0] = Math.max(mostUnready[0], (int) (4 - ready));
                });
        cluster.restart(DAEMON_SETS, "monitoring", "exporter");
        cluster.advance(Duration.ofMinutes(2));
        watch.close();

        JsonNode after = cluster.get(DAEMON_SETS, "monitoring", "exporter").path("status");
        assertThat(after.path("updatedNumberScheduled").asInt()).isEqualTo(4);
        assertThat(after.path("numberAvailable").asInt()).isEqualTo(4);
        assertThat(after.path("observedGeneration").asLong()).isEqualTo(2);
        assertThat(mostUnready[0]).isEqualTo(1);
        assertThat(cluster.pods("monitoring", "exporter")).hasSize(4).allSatisfy(p -> assertThat(p.ready()).isTrue());
    }

    @Test
    void aJobKeepsItsPodRunningAndABarePodIsJustAPod() {
        assertThat(cluster.pods("shop", "batch")).hasSize(1).allSatisfy(p -> {
            assertThat(p.ready()).isTrue();
            assertThat(p.label("job-name")).isEqualTo("batch");
            assertThat(p.proxyVersion()).isEqualTo("1.6.14-asm.1");
        });
        assertThat(cluster.get(JOBS, "shop", "batch").at("/status/active").asInt()).isEqualTo(1);
        PodView debug = cluster.pods("shop", "debug").get(0);
        assertThat(debug.controller()).isNull();
        assertThat(debug.ready()).isTrue();

        cluster.store.delete(PODS, "shop", cluster.pods("shop", "batch").get(0).name());
        cluster.store.delete(PODS, "shop", "debug");
        cluster.advance(Duration.ofMinutes(1));
        assertThat(cluster.pods("shop", "batch")).hasSize(1).allSatisfy(p -> assertThat(p.ready()).isTrue());
        assertThat(cluster.pods("shop", "debug")).isEmpty();
        assertThat(cluster.store.find(PODS, "shop", "debug")).isEmpty();
        cluster.store.list(PODS, "shop").items().forEach(p -> assertThat(p.terminating()).isFalse());
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode job(String name, String inject, int backoffLimit,
            String... command) {
        String yaml = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: " + name + "}\nspec:\n  backoffLimit: "
                + backoffLimit + "\n  template:\n    metadata: {annotations: {sidecar.istio.io/inject: \"" + inject
                + "\"}}\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: check\n"
                + "        image: registry.example/check:1\n        command: " + io.meshfleet.sim.store.Json.MAPPER
                .valueToTree(List.of(command)) + "\n";
        return io.meshfleet.sim.store.Json.parseYamlObject(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aJobWhosePodsRunACommandCompletesOrFailsByItsExitCode() {
        cluster.store.create(JOBS, "shop", job("passes", "false", 6, "sh", "-c", "curl -fsS http://web/healthz"));
        cluster.store.create(JOBS, "shop", job("fails", "false", 0, "sh", "-c", "curl http://web/ || exit 3"));
        cluster.store.create(JOBS, "shop", job("with-sidecar", "true", 0, "sh", "-c", "true"));
        cluster.advance(Duration.ofMinutes(2));

        JsonNode passed = cluster.get(JOBS, "shop", "passes").path("status");
        assertThat(passed.path("succeeded").asInt()).isEqualTo(1);
        assertThat(passed.path("active").asInt(0)).isZero();
        assertThat(passed.at("/conditions/0/type").asText()).isEqualTo("Complete");
        assertThat(cluster.pods("shop", "passes")).singleElement()
                .satisfies(p -> assertThat(p.phase()).isEqualTo("Succeeded"));

        JsonNode failed = cluster.get(JOBS, "shop", "fails").path("status");
        assertThat(failed.path("failed").asInt()).isEqualTo(1);
        assertThat(failed.at("/conditions/0/type").asText()).isEqualTo("Failed");
        assertThat(failed.at("/conditions/0/reason").asText()).isEqualTo("BackoffLimitExceeded");
        assertThat(cluster.pods("shop", "fails")).as("no retry beyond the backoff limit").singleElement()
                .satisfies(p -> assertThat(p.phase()).isEqualTo("Failed"));

        assertThat(cluster.get(JOBS, "shop", "with-sidecar").path("status").path("active").asInt())
                .as("a sidecar keeps a Job's pod running, as it does in a real mesh").isEqualTo(1);
    }

    private static List<String> names(List<PodView> pods) {
        return pods.stream().map(PodView::name).sorted().toList();
    }
}
