package io.meshfleet.agent.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.agent.install.ArtifactClient;
import io.meshfleet.agent.install.ControlPlaneInstallation;
import io.meshfleet.agent.install.IstioctlInstaller;
import io.meshfleet.agent.install.OperatorInstaller;
import io.meshfleet.agent.install.ReleaseWorkspace;
import io.meshfleet.agent.model.CompatibilityTable;
import io.meshfleet.agent.model.OverlayBuilder;
import io.meshfleet.agent.preflight.PreflightRunner;
import io.meshfleet.events.AgentEvent;
import io.meshfleet.events.InstallControlPlane;
import io.meshfleet.events.InstallPhase;
import io.meshfleet.events.InstallProgress;
import io.meshfleet.events.InstallResult;
import io.meshfleet.events.Installer;
import io.meshfleet.sim.fleet.ApiHealth;
import io.meshfleet.sim.fleet.FleetSim;
import io.meshfleet.sim.release.MeshVersion;
import io.meshfleet.sim.release.Platform;
import io.meshfleet.sim.release.ReleaseArtifact;
import io.meshfleet.sim.release.ReleaseGenerator;
import io.meshfleet.sim.release.ReleaseSigningKey;
import io.meshfleet.sim.scenario.ScenarioReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An install whose cluster's API server stops answering part-way (fleet-sim's fault proxy, switched at a chosen
 * phase): the agent must not hang on the unanswered requests nor end without an answer; it ends the install with
 * {@code CLUSTER_API_UNREACHABLE}, saying in which phase, soon after the command's deadline at the latest.
 */
class ApiOutageKubeTest {

    private static final String TARGET = "1.5.10-asm.2";
    private static final Clock CLOCK = Clock.systemUTC();
    private static final String SCENARIO = """
            name: agent-api-outage
            timeScale: 600
            delays: {podScheduling: 2s, containerStart: 5s, podTermination: 10s, controlPlaneInstall: 5m}
            clusters:
              - namePattern: flaky-%d
                count: 3
                mesh: {version: 1.6.14-asm.1, profile: asm-multicloud}
            faults:
              - {type: apiSwitchable, clusters: [flaky-1, flaky-2, flaky-3]}
            """;

    @TempDir
    static Path work;
    private static FleetSim fleet;
    private static ArtifactServer artifacts;
    private static ReleaseArtifact linux;
    private static ControlPlaneInstallation installation;

    @BeforeAll
    static void start() throws Exception {
        fleet = FleetSim.start(ScenarioReader.read(SCENARIO, "agent-api-outage"), work.resolve("fleet"));
        linux = new ReleaseGenerator(CLOCK, ReleaseSigningKey.generate())
                .generate(MeshVersion.parse(TARGET), work.resolve("bucket"), EnumSet.of(Platform.LINUX))
                .artifact(Platform.LINUX);
        artifacts = new ArtifactServer().serve(linux.sha256(), linux.archive());
        ReleaseWorkspace workspace = new ReleaseWorkspace(work.resolve("agent/releases"),
                new ArtifactClient(artifacts.url(), Duration.ofSeconds(30)));
        installation = new ControlPlaneInstallation(new PreflightRunner(new OverlayBuilder(CompatibilityTable.bundled())),
                workspace, Map.of(Installer.ISTIOCTL, new IstioctlInstaller(CLOCK, work.resolve("agent/run")),
                        Installer.OPERATOR, new OperatorInstaller(CLOCK)), CLOCK);
    }

    @AfterAll
    static void stop() {
        if (artifacts != null) {
            artifacts.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void anApiThatStopsAnsweringWhileTheControlPlaneIsAwaitedFailsTheInstallAtItsDeadlineSayingSo() throws Exception {
        Outcome outcome = installGoingDarkAt("flaky-1", InstallPhase.AWAITING_CONTROL_PLANE, 6);

        assertThat(outcome.result.succeeded()).isFalse();
        assertThat(outcome.result.reason()).as(outcome.result.toString())
                .isEqualTo(ControlPlaneInstallation.CLUSTER_API_UNREACHABLE);
        assertThat(outcome.result.output()).contains("istio-system could not be read since")
                .contains("the wait for the control plane").contains("no answer");
        System.out.printf("[api outage] awaiting the control plane: answered after %.1f s (deadline 6 s): %s%n",
                outcome.seconds(), outcome.result.output().lines().findFirst().orElse(""));
        assertThat(outcome.seconds()).as("not before the deadline: a blip is no failure").isGreaterThanOrEqualTo(6);
        assertThat(outcome.seconds()).as("at the deadline, not after the client's 10 s request timeout")
                .isLessThan(6 + 3);
    }

    @Test
    void anApiThatStopsAnsweringBeforeTheInstallerRunsFailsTheInstallSayingWhere() throws Exception {
        Outcome outcome = installGoingDarkAt("flaky-2", InstallPhase.INSTALLING, 60);

        assertThat(outcome.result.reason()).as(outcome.result.toString())
                .isEqualTo(ControlPlaneInstallation.CLUSTER_API_UNREACHABLE);
        assertThat(outcome.result.output()).contains("during the operator install").contains("no answer");
        System.out.printf("[api outage] operator install: answered after %.1f s (deadline 60 s): %s%n",
                outcome.seconds(), outcome.result.output());
        assertThat(outcome.seconds()).as("well before the 60 s deadline: the request timed out").isLessThan(30);
        assertThat(fleet.recorder().installs("flaky-2")).as("the IstioOperator never reached the cluster").isZero();
    }

    @Test
    void theStateReportersInformersSyncThroughTheProxyAndCatchUpOnceTheApiAnswersAgain() throws Exception {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ClusterConnection connection = TestFleet.connect(fleet, "flaky-3");
             io.fabric8.kubernetes.client.informers.SharedIndexInformer<io.fabric8.kubernetes.api.model.ConfigMap>
                     informer = connection.client().configMaps().inNamespace("default").inform(
                             new io.fabric8.kubernetes.client.informers.ResourceEventHandler<>() {
                                 @Override
                                 public void onAdd(io.fabric8.kubernetes.api.model.ConfigMap map) {
                                     seen.add(map.getMetadata().getName());
                                 }

                                 @Override
                                 public void onUpdate(io.fabric8.kubernetes.api.model.ConfigMap old,
                                                      io.fabric8.kubernetes.api.model.ConfigMap map) {
                                 }

                                 @Override
                                 public void onDelete(io.fabric8.kubernetes.api.model.ConfigMap map, boolean unknown) {
                                 }
                             })) {
            var store = fleet.cluster("flaky-3").store();
            store.create(io.meshfleet.sim.store.BuiltInResources.CONFIG_MAPS, "default", configMap("before"));
            org.awaitility.Awaitility.await("the watch through the proxy").atMost(Duration.ofSeconds(20))
                    .until(() -> seen.contains("before"));

            fleet.apiHealth("flaky-3", ApiHealth.UNAVAILABLE);
            store.create(io.meshfleet.sim.store.BuiltInResources.CONFIG_MAPS, "default", configMap("during"));
            assertThat(seen).doesNotContain("during");
            fleet.apiHealth("flaky-3", ApiHealth.AVAILABLE);
            org.awaitility.Awaitility.await("the informer catching up after the outage").atMost(Duration.ofSeconds(30))
                    .until(() -> seen.contains("during"));
        }
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode configMap(String name) {
        com.fasterxml.jackson.databind.node.ObjectNode map = io.meshfleet.sim.store.Json.object();
        map.put("apiVersion", "v1").put("kind", "ConfigMap").putObject("metadata").put("name", name);
        return map;
    }

    private record Outcome(InstallResult result, Duration took) {
        double seconds() {
            return took.toMillis() / 1000.0;
        }
    }

    /** Runs an operator install on {@code cluster}, whose API stops answering when the install reports {@code phase}. */
    private static Outcome installGoingDarkAt(String cluster, InstallPhase phase, int timeoutSeconds) throws Exception {
        List<AgentEvent> events = new ArrayList<>();
        Instant started = CLOCK.instant();
        try (ClusterConnection connection = TestFleet.connect(fleet, cluster)) {
            InstallControlPlane command = new InstallControlPlane(cluster, TARGET, "asm-multicloud", Map.of(),
                    linux.sha256(), "linux", Installer.OPERATOR, timeoutSeconds);
            installation.run(connection, command, event -> {
                events.add(event);
                if (event instanceof InstallProgress progress && progress.phase() == phase) {
                    fleet.apiHealth(cluster, ApiHealth.UNAVAILABLE);
                }
            });
        } finally {
            fleet.apiHealth(cluster, ApiHealth.AVAILABLE);
        }
        Duration took = Duration.between(started, CLOCK.instant());
        assertThat(events).last().isInstanceOf(InstallResult.class);
        return new Outcome((InstallResult) events.get(events.size() - 1), took);
    }
}
