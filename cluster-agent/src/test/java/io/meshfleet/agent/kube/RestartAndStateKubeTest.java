package io.meshfleet.agent.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.meshfleet.agent.restart.WorkloadRestarter;
import io.meshfleet.agent.state.ClusterStateReporter;
import io.meshfleet.events.ClusterKind;
import io.meshfleet.events.ClusterState;
import io.meshfleet.events.DisruptionBudgetState;
import io.meshfleet.events.NamespaceState;
import io.meshfleet.events.RestartExecuted;
import io.meshfleet.events.RestartWorkloads;
import io.meshfleet.events.WorkloadKind;
import io.meshfleet.events.WorkloadRef;
import io.meshfleet.events.WorkloadState;
import io.meshfleet.sim.fleet.FleetSim;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarts and state reports against fleet-sim clusters: the rollout-restart patch, bare pods reported rather
 * than deleted unless allowed, reports built from informers, sent on change and otherwise only as heartbeats.
 */
class RestartAndStateKubeTest {

    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    static Path work;
    private static FleetSim fleet;

    @BeforeAll
    static void startFleet() {
        fleet = TestFleet.start(work);
    }

    @AfterAll
    static void stopFleet() {
        fleet.close();
    }

    private static RestartExecuted restart(String cluster, RestartWorkloads command) {
        try (ClusterConnection connection = TestFleet.connect(fleet, cluster)) {
            return new WorkloadRestarter(CLOCK).restart(connection.client(), command);
        }
    }

    @Test
    void deploymentsGetTheRolloutRestartPatchAndTheirPodsAreReplaced() {
        fleet.cluster("user-01").recordRequests(true);
        RestartExecuted executed = restart("user-01", new RestartWorkloads("user-01", "roll-1", "shop",
                List.of(new WorkloadRef(WorkloadKind.DEPLOYMENT, "frontend"), new WorkloadRef(WorkloadKind.DEPLOYMENT,
                        "no-such-deployment")), false));
        List<io.meshfleet.sim.api.RecordedRequest> requests = fleet.cluster("user-01").requests();
        fleet.cluster("user-01").recordRequests(false);

        assertThat(executed.restarted()).containsExactly(new WorkloadRef(WorkloadKind.DEPLOYMENT, "frontend"));
        assertThat(requests).filteredOn(r -> r.method().equals("PATCH"))
                .singleElement().satisfies(r -> {
                    assertThat(r.path()).isEqualTo("/apis/apps/v1/namespaces/shop/deployments/frontend");
                    assertThat(r.contentType()).startsWith("application/strategic-merge-patch+json");
                });
        assertThat(fleet.cluster("user-01").store().find(io.meshfleet.sim.store.BuiltInResources.DEPLOYMENTS, "shop",
                "frontend").orElseThrow().node().path("spec").path("template").path("metadata").path("annotations")
                .path(WorkloadRestarter.RESTARTED_AT).asText()).isNotEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> fleet.recorder().restarts("user-01", "shop", "frontend") == 2);
    }

    // Found by the system test AgentCrashIT: an agent killed right after the patch, before Kafka had the command's
    // offset, gets the command again after its restart, its nonce memory gone; the pods already at the new proxy
    // must not be replaced a second time.
    @Test
    void aCommandDeliveredAgainForTheSameRollDoesNotRestartTheWorkloadTwice() {
        RestartWorkloads command = new RestartWorkloads("user-06", "roll-again", "shop",
                List.of(new WorkloadRef(WorkloadKind.DEPLOYMENT, "frontend")), false);
        assertThat(restart("user-06", command).restarted()).containsExactly(new WorkloadRef(WorkloadKind.DEPLOYMENT, "frontend"));
        await().atMost(Duration.ofSeconds(30)).until(() -> fleet.recorder().restarts("user-06", "shop", "frontend") == 2);

        fleet.cluster("user-06").recordRequests(true);
        RestartExecuted again = restart("user-06", command);
        List<io.meshfleet.sim.api.RecordedRequest> requests = fleet.cluster("user-06").requests();
        fleet.cluster("user-06").recordRequests(false);

        assertThat(again.restarted()).as("reported: it was restarted for this roll")
                .containsExactly(new WorkloadRef(WorkloadKind.DEPLOYMENT, "frontend"));
        assertThat(requests).as("no second patch").noneMatch(r -> r.method().equals("PATCH"));

        RestartExecuted nextRoll = restart("user-06", new RestartWorkloads("user-06", "roll-next", "shop",
                List.of(new WorkloadRef(WorkloadKind.DEPLOYMENT, "frontend")), false));
        assertThat(nextRoll.restarted()).containsExactly(new WorkloadRef(WorkloadKind.DEPLOYMENT, "frontend"));
        await().atMost(Duration.ofSeconds(30)).until(() -> fleet.recorder().restarts("user-06", "shop", "frontend") == 4);
    }

    @Test
    void barePodsAreReportedNotDeletedUnlessAllowed() {
        RestartWorkloads command = new RestartWorkloads("user-02", "roll-2", "payments",
                List.of(new WorkloadRef(WorkloadKind.POD, "debug-shell")), false);

        RestartExecuted refused = restart("user-02", command);

        assertThat(refused.restarted()).isEmpty();
        assertThat(refused.needsManualAction()).containsExactly("debug-shell");
        assertThat(fleet.cluster("user-02").store().find(io.meshfleet.sim.store.BuiltInResources.PODS, "payments",
                "debug-shell")).isPresent();

        RestartExecuted allowed = restart("user-02", new RestartWorkloads("user-02", "roll-2", "payments",
                command.workloads(), true));

        assertThat(allowed.restarted()).containsExactly(new WorkloadRef(WorkloadKind.POD, "debug-shell"));
        assertThat(allowed.needsManualAction()).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> fleet.cluster("user-02").store()
                .find(io.meshfleet.sim.store.BuiltInResources.PODS, "payments", "debug-shell").isEmpty());
    }

    private record Received(ClusterState state, Instant at) {
    }

    @Test
    void aQuietClusterIsReportedOnlyByHeartbeatsAndAChangeIsReportedPromptly() {
        Duration heartbeat = Duration.ofMillis(1000);
        List<Received> reports = new CopyOnWriteArrayList<>();
        try (ClusterConnection connection = TestFleet.connect(fleet, "user-03");
             ClusterStateReporter reporter = new ClusterStateReporter("user-03", connection.client(),
                     state -> reports.add(new Received(state, Instant.now())), CLOCK,
                     new ClusterStateReporter.Timing(Duration.ofMillis(200), Duration.ofSeconds(2), heartbeat)).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> reports.size() >= 4);

            List<Received> quiet = new ArrayList<>(reports);
            ClusterState first = quiet.get(0).state();
            assertThat(first.clusterKind()).isEqualTo(ClusterKind.USER);
            assertThat(first.meshVersion()).isEqualTo("1.6.14-asm.1");
            assertThat(first.controlPlane().pods()).filteredOn(p -> p.name().startsWith("istiod-")).hasSize(2);
            assertThat(first.namespaces()).extracting(NamespaceState::name).containsExactly("payments", "shop");
            NamespaceState shop = first.namespaces().get(1);
            assertThat(shop.workloads()).extracting(WorkloadState::name).containsExactly("frontend", "orders-db");
            WorkloadState frontend = shop.workloads().get(0);
            assertThat(frontend.kind()).isEqualTo(WorkloadKind.DEPLOYMENT);
            assertThat(frontend.desiredReplicas()).isEqualTo(2);
            assertThat(frontend.pods()).hasSize(2).allSatisfy(p -> {
                assertThat(p.convergedAt("1.6.14-asm.1")).isTrue();
                assertThat(p.ready()).isEqualTo(2);
                assertThat(p.ownerName()).isEqualTo("frontend");
            });
            assertThat(first.namespaces().get(0).workloads()).extracting(WorkloadState::kind)
                    .containsExactly(WorkloadKind.DEPLOYMENT, WorkloadKind.POD);

            for (int i = 1; i < quiet.size(); i++) {
                ClusterState report = quiet.get(i).state();
                assertThat(same(report, first)).as("a heartbeat repeats the content").isTrue();
                assertThat(report.observedGeneration()).isGreaterThan(quiet.get(i - 1).state().observedGeneration());
                assertThat(Duration.between(quiet.get(i - 1).at(), quiet.get(i).at()))
                        .as("nothing but heartbeats while nothing changes").isGreaterThanOrEqualTo(heartbeat.minusMillis(50));
            }

            int before = reports.size();
            connection.client().pods().inNamespace("payments").withName("debug-shell").withGracePeriod(0).delete();
            await().atMost(Duration.ofSeconds(10)).until(() -> reports.subList(before, reports.size()).stream()
                    .anyMatch(r -> r.state().namespaces().stream().filter(n -> n.name().equals("payments"))
                            .flatMap(n -> n.workloads().stream()).noneMatch(w -> w.name().equals("debug-shell"))));
            assertThat(reporter.reportsSent()).isEqualTo(reports.size());
        }
    }

    @Test
    void podDisruptionBudgetsAndNamespaceLabelsAreReportedAndTheirChangesToo() {
        List<ClusterState> reports = new CopyOnWriteArrayList<>();
        try (ClusterConnection connection = TestFleet.connect(fleet, "user-04");
             ClusterStateReporter reporter = new ClusterStateReporter("user-04", connection.client(), reports::add, CLOCK,
                     new ClusterStateReporter.Timing(Duration.ofMillis(200), Duration.ofSeconds(2),
                             Duration.ofMinutes(10))).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !reports.isEmpty());
            assertThat(namespace(reports.get(0), "shop").disruptionBudgets()).isEmpty();

            connection.client().policy().v1().podDisruptionBudget().inNamespace("shop").resource(
                    new PodDisruptionBudgetBuilder().withNewMetadata().withName("frontend-pdb").endMetadata()
                            .withNewSpec().withMinAvailable(new IntOrString(1))
                            .withNewSelector().addToMatchLabels("app", "frontend").endSelector().endSpec()
                            .build()).create();
            DisruptionBudgetState allowing = new DisruptionBudgetState("frontend-pdb",
                    List.of(new WorkloadRef(WorkloadKind.DEPLOYMENT, "frontend")), 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> last(reports, "shop").disruptionBudgets()
                    .equals(List.of(allowing)));

            int before = reports.size();
            connection.client().policy().v1().podDisruptionBudget().inNamespace("shop").withName("frontend-pdb")
                    .edit(pdb -> new PodDisruptionBudgetBuilder(pdb).editSpec().withMinAvailable(new IntOrString(2))
                            .endSpec().build());
            await().atMost(Duration.ofSeconds(20)).until(() -> last(reports, "shop").disruptionBudgets().equals(
                    List.of(new DisruptionBudgetState("frontend-pdb", allowing.workloads(), 0))));
            assertThat(reports.size()).as("reported on the change, not by a heartbeat (10 min)").isGreaterThan(before);

            connection.client().namespaces().withName("shop").edit(ns -> new NamespaceBuilder(ns).editMetadata()
                    .addToLabels("meshfleet.io/roll-wave", "3").endMetadata().build());
            await().atMost(Duration.ofSeconds(20)).until(() -> "3".equals(last(reports, "shop").labels()
                    .get("meshfleet.io/roll-wave")));
            assertThat(last(reports, "shop").labels()).containsEntry("istio-injection", "enabled");
            assertThat(last(reports, "payments").disruptionBudgets()).isEmpty();
        }
    }

    private static NamespaceState namespace(ClusterState state, String name) {
        return state.namespaces().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    private static NamespaceState last(List<ClusterState> reports, String name) {
        return namespace(reports.get(reports.size() - 1), name);
    }

    private static boolean same(ClusterState a, ClusterState b) {
        return a.clusterKind() == b.clusterKind() && a.labels().equals(b.labels())
                && java.util.Objects.equals(a.meshVersion(), b.meshVersion())
                && a.controlPlane().equals(b.controlPlane()) && a.namespaces().equals(b.namespaces());
    }

}
