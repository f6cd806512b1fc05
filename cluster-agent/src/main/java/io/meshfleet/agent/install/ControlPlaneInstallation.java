package io.meshfleet.agent.install;

import io.meshfleet.agent.kube.ClusterConnection;
import io.meshfleet.agent.kube.ClusterInspector;
import io.meshfleet.agent.model.ControlPlaneVerdict;
import io.meshfleet.agent.model.InstallJudge;
import io.meshfleet.agent.preflight.PreflightRunner;
import io.meshfleet.events.AgentEvent;
import io.meshfleet.events.InstallControlPlane;
import io.meshfleet.events.InstallPhase;
import io.meshfleet.events.InstallProgress;
import io.meshfleet.events.InstallResult;
import io.meshfleet.events.Installer;
import io.meshfleet.events.PreflightResult;
import io.meshfleet.events.PreflightStatus;
import io.meshfleet.release.extract.IndexedRelease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Executes {@link InstallControlPlane} on one cluster, step by step, reporting each as {@link InstallProgress}
 * and the outcome as {@link InstallResult}: preflight (an admin cluster or a failed check stops here), fetch and
 * verify the release, run the chosen installer, then watch istio-system until the new control plane is Running
 * and Ready at the target version and the old pods are gone ({@link InstallJudge}), all within the command's
 * deadline. Running the same install again finds the release extracted and the control plane already at the
 * target: it succeeds without changing pods.
 */
public final class ControlPlaneInstallation {

    private static final Duration POLL = Duration.ofMillis(250);

    private final PreflightRunner preflight;
    private final ReleaseWorkspace releases;
    private final Map<Installer, ControlPlaneInstaller> installers;
    private final Clock clock;

    public ControlPlaneInstallation(PreflightRunner preflight, ReleaseWorkspace releases,
            Map<Installer, ControlPlaneInstaller> installers, Clock clock) {
        this.preflight = preflight;
        this.releases = releases;
        this.installers = Map.copyOf(installers);
        this.clock = clock;
    }

    /** Runs the install; every event goes to {@code events}, the last one is the {@link InstallResult}. */
    public InstallResult run(ClusterConnection cluster, InstallControlPlane command, Consumer<AgentEvent> events)
            throws InterruptedException {
        Instant deadline = clock.instant().plusSeconds(command.timeoutSeconds());
        String id = command.clusterId();
        String version = command.version();
        PreflightResult checked = preflight.run(id, new ClusterInspector(cluster.client()), version, command.profile());
        if (!checked.passed()) {
            String failures = checked.items().stream().filter(i -> i.status() == PreflightStatus.FAIL)
                    .map(i -> i.check() + ": " + i.message()).collect(Collectors.joining("; "));
            return finish(events, new InstallResult(id, version, false, "PREFLIGHT_FAILED", failures));
        }
        events.accept(new InstallProgress(id, version, InstallPhase.DOWNLOADING, "release " + command.artifactSha256()
                + " for " + command.platform()));
        IndexedRelease release;
        try {
            release = releases.prepare(version, command.platform(), command.artifactSha256());
        } catch (ReleaseWorkspace.ReleaseUnusableException e) {
            return finish(events, new InstallResult(id, version, false, e.reason(), e.getMessage()));
        }
        ControlPlaneInstaller installer = installers.get(command.installer());
        events.accept(new InstallProgress(id, version, InstallPhase.INSTALLING, command.installer().name().toLowerCase()
                + " with profile " + command.profile() + ", istioctl sha256 " + release.contents().istioctlSha256()));
        InstallerOutcome outcome = installer.install(new InstallTarget(cluster, release, command.profile(),
                command.overlay(), deadline));
        if (!outcome.succeeded()) {
            return finish(events, new InstallResult(id, version, false, outcome.reason(), outcome.detail() + "\n"
                    + outcome.output()));
        }
        events.accept(new InstallProgress(id, version, InstallPhase.AWAITING_CONTROL_PLANE, outcome.detail()));
        ClusterInspector inspector = new ClusterInspector(cluster.client());
        while (true) {
            ControlPlaneVerdict verdict = InstallJudge.judge(inspector.controlPlanePods(), version, deadline,
                    clock.instant());
            switch (verdict.outcome()) {
                case DONE -> {
                    return finish(events, new InstallResult(id, version, true, null, outcome.output() + verdict.detail()));
                }
                case FAILED -> {
                    return finish(events, new InstallResult(id, version, false, verdict.reason(), verdict.detail()
                            + "\n" + outcome.output()));
                }
                case WAITING -> Thread.sleep(POLL.toMillis()); // next look at istio-system
            }
        }
    }

    private static InstallResult finish(Consumer<AgentEvent> events, InstallResult result) {
        events.accept(result);
        return result;
    }
}
