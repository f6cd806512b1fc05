package io.meshfleet.agent.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshfleet.agent.install.ArtifactClient;
import io.meshfleet.agent.install.ControlPlaneInstallation;
import io.meshfleet.agent.install.IstioctlInstaller;
import io.meshfleet.agent.install.OperatorInstaller;
import io.meshfleet.agent.install.ReleaseWorkspace;
import io.meshfleet.agent.model.CompatibilityTable;
import io.meshfleet.agent.model.OverlayBuilder;
import io.meshfleet.agent.model.PodObservation;
import io.meshfleet.agent.preflight.PreflightRunner;
import io.meshfleet.agent.restart.WorkloadRestarter;
import io.meshfleet.events.AgentEvent;
import io.meshfleet.events.InstallControlPlane;
import io.meshfleet.events.InstallPhase;
import io.meshfleet.events.InstallProgress;
import io.meshfleet.events.InstallResult;
import io.meshfleet.events.Installer;
import io.meshfleet.events.PreflightResult;
import io.meshfleet.events.RestartExecuted;
import io.meshfleet.events.RestartWorkloads;
import io.meshfleet.events.WorkloadKind;
import io.meshfleet.events.WorkloadRef;
import io.meshfleet.sim.fleet.FleetSim;
import io.meshfleet.sim.release.MeshVersion;
import io.meshfleet.sim.release.Platform;
import io.meshfleet.sim.release.ReleaseArtifact;
import io.meshfleet.sim.release.ReleaseGenerator;
import io.meshfleet.sim.release.ReleaseSigningKey;
import io.meshfleet.sim.scenario.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Control-plane installs against fleet-sim clusters with a generated, signed 1.5.10-asm.2 release served over
 * HTTP like artifact-service serves it: through istioctl and through the operator, each ending with the new
 * control plane Ready and the old gone; a control plane that never becomes Ready fails at the deadline; a mirror
 * serving other bytes is refused; restarts then re-inject the new sidecar.
 */
class InstallKubeTest {

    private static final String TARGET = "1.5.10-asm.2";
    private static final String OLD = "1.6.14-asm.1";
    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    static Path work;
    private static FleetSim fleet;
    private static ArtifactServer artifacts;
    private static ReleaseArtifact linux;
    private static ReleaseWorkspace workspace;
    private static ControlPlaneInstallation installation;
    private static PreflightRunner preflight;

    @BeforeAll
    static void start() throws Exception {
        fleet = TestFleet.start(work.resolve("fleet"));
        linux = new ReleaseGenerator(CLOCK, ReleaseSigningKey.generate())
                .generate(MeshVersion.parse(TARGET), work.resolve("bucket"), EnumSet.of(Platform.LINUX))
                .artifact(Platform.LINUX);
        artifacts = new ArtifactServer().serve(linux.sha256(), linux.archive());
        workspace = new ReleaseWorkspace(work.resolve("agent/releases"), new ArtifactClient(artifacts.url(),
                Duration.ofSeconds(30)));
        preflight = new PreflightRunner(new OverlayBuilder(CompatibilityTable.bundled()));
        installation = new ControlPlaneInstallation(preflight, workspace, Map.of(
                Installer.ISTIOCTL, new IstioctlInstaller(CLOCK, work.resolve("agent/run")),
                Installer.OPERATOR, new OperatorInstaller(CLOCK)), CLOCK);
    }

    @AfterAll
    static void stop() {
        artifacts.close();
        fleet.close();
    }

    private static InstallControlPlane command(String cluster, Installer installer, Map<String, Object> overlay,
            String sha256, int timeoutSeconds) {
        return new InstallControlPlane(cluster, TARGET, "asm-multicloud", overlay, sha256, "linux", installer,
                timeoutSeconds);
    }

    private static List<AgentEvent> install(String cluster, InstallControlPlane command) throws Exception {
        List<AgentEvent> events = new ArrayList<>();
        try (ClusterConnection connection = TestFleet.connect(fleet, cluster)) {
            installation.run(connection, command, events::add);
        }
        return events;
    }

    private static Map<String, Object> overlayOf(String cluster) {
        try (ClusterConnection connection = TestFleet.connect(fleet, cluster)) {
            PreflightResult result = preflight.run(cluster, new ClusterInspector(connection.client()), TARGET,
                    "asm-multicloud");
            assertThat(result.passed()).isTrue();
            return result.overlay();
        }
    }

    private static List<PodObservation> controlPlane(String cluster) {
        try (ClusterConnection connection = TestFleet.connect(fleet, cluster)) {
            return new ClusterInspector(connection.client()).controlPlanePods();
        }
    }

    private static void assertNewControlPlaneOnly(String cluster) {
        List<PodObservation> pods = controlPlane(cluster);
        assertThat(pods).filteredOn(p -> p.controlPlaneVersion() != null).hasSize(2).allSatisfy(p -> {
            assertThat(p.controlPlaneVersion()).isEqualTo(TARGET);
            assertThat(p.pod().allReady()).isTrue();
        });
        assertThat(pods).noneSatisfy(p -> assertThat(
                p.controlPlaneVersion() != null ? p.controlPlaneVersion() : p.pod().proxyVersion()).isEqualTo(OLD));
    }

    @Test
    void istioctlInstallsTheReleaseAndARerunIsHarmless() throws Exception {
        List<AgentEvent> events = install("user-03",
                command("user-03", Installer.ISTIOCTL, overlayOf("user-03"), linux.sha256(), 60));

        InstallResult result = (InstallResult) events.get(events.size() - 1);
        assertThat(result.succeeded()).as(result.toString()).isTrue();
        assertThat(events).filteredOn(InstallProgress.class::isInstance).extracting(e -> ((InstallProgress) e).phase())
                .containsExactly(InstallPhase.DOWNLOADING, InstallPhase.INSTALLING, InstallPhase.AWAITING_CONTROL_PLANE);
        assertThat(result.output()).contains("istioctl install -y --set profile=asm-multicloud")
                .contains("--context user-03").contains("Installation complete");
        assertNewControlPlaneOnly("user-03");
        long installs = fleet.recorder().installs("user-03");

        List<AgentEvent> again = install("user-03",
                command("user-03", Installer.ISTIOCTL, overlayOf("user-03"), linux.sha256(), 60));
        assertThat(((InstallResult) again.get(again.size() - 1)).succeeded()).isTrue();
        assertNewControlPlaneOnly("user-03");
        assertThat(artifacts.requests()).as("the second run reuses the verified release").containsOnlyOnce(linux.sha256());
        assertThat(fleet.recorder().installs("user-03")).isGreaterThanOrEqualTo(installs);
    }

    @Test
    void theOperatorInstallsTheReleaseThenRestartsReinjectTheNewSidecar() throws Exception {
        List<AgentEvent> events = install("user-04",
                command("user-04", Installer.OPERATOR, overlayOf("user-04"), linux.sha256(), 60));

        InstallResult result = (InstallResult) events.get(events.size() - 1);
        assertThat(result.succeeded()).as(result.toString()).isTrue();
        assertNewControlPlaneOnly("user-04");

        RestartExecuted restarted;
        try (ClusterConnection connection = TestFleet.connect(fleet, "user-04")) {
            restarted = new WorkloadRestarter(CLOCK).restart(connection.client(), new RestartWorkloads("user-04", "roll-1",
                    "shop", List.of(new WorkloadRef(WorkloadKind.DEPLOYMENT, "frontend"),
                    new WorkloadRef(WorkloadKind.STATEFUL_SET, "orders-db")), false));
            assertThat(restarted.restarted()).hasSize(2);
            assertThat(restarted.needsManualAction()).isEmpty();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<PodObservation> pods = connection.client().pods().inNamespace("shop").list().getItems().stream()
                        .map(PodObservations::observe).toList();
                assertThat(pods).hasSize(3).allSatisfy(p -> {
                    assertThat(p.pod().proxyVersion()).isEqualTo(TARGET);
                    assertThat(p.pod().ready()).isEqualTo(2);
                    assertThat(p.pod().total()).isEqualTo(2);
                    assertThat(p.pod().allReady()).isTrue();
                });
            });
        }
    }

    @Test
    void aControlPlaneThatNeverBecomesReadyFailsAtTheDeadline() throws Exception {
        fleet.controllers("user-05").faults().add(new Fault(Fault.Type.CONTROL_PLANE_NEVER_READY, List.of("user-05"),
                null, null, null));

        List<AgentEvent> events = install("user-05",
                command("user-05", Installer.OPERATOR, overlayOf("user-05"), linux.sha256(), 4));

        InstallResult result = (InstallResult) events.get(events.size() - 1);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.reason()).isEqualTo("TIMEOUT");
        assertThat(result.output()).contains("HEALTHY by the deadline");
        assertThat(controlPlane("user-05")).as("the old control plane keeps serving")
                .anySatisfy(p -> {
                    assertThat(p.controlPlaneVersion()).isEqualTo(OLD);
                    assertThat(p.pod().allReady()).isTrue();
                })
                .anySatisfy(p -> {
                    assertThat(p.controlPlaneVersion()).isEqualTo(TARGET);
                    assertThat(p.pod().allReady()).isFalse();
                });
    }

    @Test
    void istioctlTimingOutOnANeverReadyControlPlaneFailsWithItsOutput() throws Exception {
        fleet.controllers("user-02").faults().add(new Fault(Fault.Type.CONTROL_PLANE_NEVER_READY, List.of("user-02"),
                null, null, null));

        List<AgentEvent> events = install("user-02",
                command("user-02", Installer.ISTIOCTL, overlayOf("user-02"), linux.sha256(), 5));

        InstallResult result = (InstallResult) events.get(events.size() - 1);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.reason()).isEqualTo("TIMEOUT");
        assertThat(result.output()).contains("timed out waiting for the control plane").contains("[exit 3]");
        assertThat(controlPlane("user-02")).anySatisfy(p -> {
            assertThat(p.controlPlaneVersion()).isEqualTo(OLD);
            assertThat(p.pod().allReady()).isTrue();
        });
    }

    @Test
    void aMirrorServingOtherBytesIsRefusedAndNothingRuns() throws Exception {
        Path other = Files.writeString(work.resolve("not-the-release.tar.gz"), "some other bytes");
        String claimed = "ab".repeat(32);
        artifacts.serve(claimed, other);

        List<AgentEvent> events = install("user-06", command("user-06", Installer.ISTIOCTL, Map.of(), claimed, 30));

        InstallResult result = (InstallResult) events.get(events.size() - 1);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.reason()).isEqualTo("DIGEST_MISMATCH");
        assertThat(events).filteredOn(InstallProgress.class::isInstance).extracting(e -> ((InstallProgress) e).phase())
                .containsExactly(InstallPhase.DOWNLOADING);
        assertThat(fleet.recorder().installs("user-06")).isZero();

        List<AgentEvent> missing = install("user-06", command("user-06", Installer.ISTIOCTL, Map.of(), "cd".repeat(32), 30));
        assertThat(((InstallResult) missing.get(missing.size() - 1)).reason()).isEqualTo("ARTIFACT_NOT_FOUND");
    }

    @Test
    void anAdminClusterIsNeverInstalled() throws Exception {
        List<AgentEvent> events = install("admin", command("admin", Installer.ISTIOCTL, Map.of(), linux.sha256(), 30));

        InstallResult result = (InstallResult) events.get(events.size() - 1);
        assertThat(events).hasSize(1);
        assertThat(result.reason()).isEqualTo("PREFLIGHT_FAILED");
        assertThat(result.output()).contains("admin cluster");
    }
}
