package io.meshfleet.agent.install;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meshfleet.agent.kube.ApiRetry;
import io.meshfleet.agent.kube.ClusterConnection;
import io.meshfleet.agent.kube.ClusterInspector;
import io.meshfleet.agent.model.ControlPlaneVerdict;
import io.meshfleet.agent.model.InstallJudge;
import io.meshfleet.agent.model.PodObservation;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    /** The reason of an install cut short because the cluster's API server failed or did not answer. */
    public static final String CLUSTER_API_UNREACHABLE = "CLUSTER_API_UNREACHABLE";

    private static final Duration POLL = Duration.ofMillis(250);
    /** Runs the reads of istio-system, so that the install can stop waiting for one at its deadline. */
    private static final ExecutorService API_CALLS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "install-api-call");
        t.setDaemon(true);
        return t;
    });

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

    /**
     * Runs the install; every event goes to {@code events}, the last one is the {@link InstallResult}. A cluster API
     * that fails or stops answering ends it with {@value #CLUSTER_API_UNREACHABLE} (while the new control plane is
     * awaited: once it still fails at the deadline), saying in which phase; it never ends without a result.
     */
    public InstallResult run(ClusterConnection cluster, InstallControlPlane command, Consumer<AgentEvent> events)
            throws InterruptedException {
        Instant deadline = clock.instant().plusSeconds(command.timeoutSeconds());
        Phase phase = new Phase("preflight");
        try {
            return install(cluster, command, events, deadline, phase);
        } catch (KubernetesClientException e) {
            return finish(events, new InstallResult(command.clusterId(), command.version(), false,
                    CLUSTER_API_UNREACHABLE, "the cluster's API server failed during " + phase.name + ": "
                    + ApiRetry.describe(e)));
        }
    }

    /** The install's phase, for the message of a failure that cuts it short. */
    private static final class Phase {
        private String name;

        Phase(String name) {
            this.name = name;
        }
    }

    private InstallResult install(ClusterConnection cluster, InstallControlPlane command, Consumer<AgentEvent> events,
            Instant deadline, Phase phase) throws InterruptedException {
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
        phase.name = "the " + command.installer().name().toLowerCase() + " install";
        events.accept(new InstallProgress(id, version, InstallPhase.INSTALLING, command.installer().name().toLowerCase()
                + " with profile " + command.profile() + ", istioctl sha256 " + release.contents().istioctlSha256()));
        InstallerOutcome outcome = installer.install(new InstallTarget(cluster, release, command.profile(),
                command.overlay(), deadline));
        if (!outcome.succeeded()) {
            return finish(events, new InstallResult(id, version, false, outcome.reason(), outcome.detail() + "\n"
                    + outcome.output()));
        }
        events.accept(new InstallProgress(id, version, InstallPhase.AWAITING_CONTROL_PLANE, outcome.detail()));
        phase.name = "the wait for the control plane";
        ClusterInspector inspector = new ClusterInspector(cluster.client());
        Instant unreachableSince = null;
        while (true) {
            List<PodObservation> pods;
            Instant asked = clock.instant();
            try {
                pods = controlPlanePods(inspector, deadline);
                unreachableSince = null;
            } catch (KubernetesClientException e) {
                // A blip of the API server is no failure of the install; an API still failing at the deadline is.
                unreachableSince = unreachableSince == null ? asked : unreachableSince;
                if (!clock.instant().isBefore(deadline)) {
                    return finish(events, new InstallResult(id, version, false, CLUSTER_API_UNREACHABLE,
                            "istio-system could not be read since " + unreachableSince + " (deadline " + deadline
                                    + "), during " + phase.name + ": " + ApiRetry.describe(e) + "\n"
                                    + outcome.output()));
                }
                Thread.sleep(POLL.toMillis()); // the next try of istio-system
                continue;
            }
            ControlPlaneVerdict verdict = InstallJudge.judge(pods, version, deadline, clock.instant());
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

    /**
     * istio-system's pods, or a {@link KubernetesClientException} when the API server fails or has not answered by the
     * deadline (at least {@link #POLL} after asking): a request left unanswered must not hold the install's answer
     * past its deadline for the client's whole request timeout.
     */
    private List<PodObservation> controlPlanePods(ClusterInspector inspector, Instant deadline)
            throws InterruptedException {
        Future<List<PodObservation>> call = API_CALLS.submit(inspector::controlPlanePods);
        long wait = Math.max(POLL.toMillis(), Duration.between(clock.instant(), deadline).toMillis());
        try {
            return call.get(wait, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new KubernetesClientException("GET istio-system pods: no answer within " + wait + " ms (the "
                    + "install's deadline)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof KubernetesClientException failure) {
                throw failure;
            }
            throw new KubernetesClientException("GET istio-system pods failed: " + e.getCause(), e.getCause());
        }
    }

    private static InstallResult finish(Consumer<AgentEvent> events, InstallResult result) {
        events.accept(result);
        return result;
    }
}
