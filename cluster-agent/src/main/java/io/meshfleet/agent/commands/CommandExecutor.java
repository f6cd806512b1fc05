package io.meshfleet.agent.commands;

import io.meshfleet.agent.AgentConfig;
import io.meshfleet.agent.install.ArtifactClient;
import io.meshfleet.agent.install.ControlPlaneInstallation;
import io.meshfleet.agent.install.IstioctlInstaller;
import io.meshfleet.agent.install.OperatorInstaller;
import io.meshfleet.agent.install.ReleaseWorkspace;
import io.meshfleet.agent.kube.ApiRetry;
import io.meshfleet.agent.kube.ClusterConnection;
import io.meshfleet.agent.kube.ClusterConnections;
import io.meshfleet.agent.kube.ClusterInspector;
import io.meshfleet.agent.messaging.AgentEventPublisher;
import io.meshfleet.agent.model.CompatibilityTable;
import io.meshfleet.agent.model.OverlayBuilder;
import io.meshfleet.agent.preflight.PreflightRunner;
import io.meshfleet.agent.restart.WorkloadRestarter;
import io.meshfleet.agent.smoke.SmokeTestRunner;
import io.meshfleet.events.AgentCommand;
import io.meshfleet.events.ClusterKind;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.InstallControlPlane;
import io.meshfleet.events.InstallResult;
import io.meshfleet.events.Installer;
import io.meshfleet.events.Preflight;
import io.meshfleet.events.PreflightItem;
import io.meshfleet.events.PreflightResult;
import io.meshfleet.events.PreflightStatus;
import io.meshfleet.events.RestartWorkloads;
import io.meshfleet.events.RunSmokeTests;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Executes accepted commands, one at a time per cluster and in arrival order (a single thread per cluster), so a
 * long install on one cluster never holds up commands for another nor the Kafka consumer. Every outcome is sent
 * as an answer correlated with the command; command latency is timed in
 * {@code meshfleet_agent_command_duration_seconds{cluster,type,outcome}}.
 *
 * <p>A command is taken off Kafka once accepted: if the agent dies mid-command the outcome is never sent and the
 * issuer's deadline fires; re-sending is safe because every command is harmless to run again (installs judge the
 * cluster as it is, restarts only re-stamp the restart annotation).
 */
@ApplicationScoped
public class CommandExecutor {

    /** The reason of an install that failed with an unexpected error on the agent (the detail has it). */
    public static final String AGENT_ERROR = "AGENT_ERROR";

    private static final Logger LOG = Logger.getLogger(CommandExecutor.class);

    private final ClusterConnections connections;
    private final AgentEventPublisher publisher;
    private final MeterRegistry meters;
    private final Clock clock;
    private final PreflightRunner preflight;
    private final WorkloadRestarter restarter;
    private final SmokeTestRunner smoke;
    private final ControlPlaneInstallation installation;
    private final Map<String, ExecutorService> threads = new ConcurrentHashMap<>();
    private final ApiRetry retry = ApiRetry.standard();

    CommandExecutor(AgentConfig config, ClusterConnections connections, AgentEventPublisher publisher,
            MeterRegistry meters, Clock clock) {
        this.connections = connections;
        this.publisher = publisher;
        this.meters = meters;
        this.clock = clock;
        this.preflight = new PreflightRunner(new OverlayBuilder(CompatibilityTable.bundled()));
        this.restarter = new WorkloadRestarter(clock);
        this.smoke = new SmokeTestRunner(clock);
        ReleaseWorkspace releases = config.artifactUrl()
                .map(url -> new ReleaseWorkspace(config.workDir().resolve("releases"),
                        new ArtifactClient(url, Duration.ofMinutes(10))))
                .orElse(null);
        this.installation = releases == null ? null : new ControlPlaneInstallation(preflight, releases, Map.of(
                Installer.ISTIOCTL, new IstioctlInstaller(clock, config.workDir().resolve("run")),
                Installer.OPERATOR, new OperatorInstaller(clock)), clock);
    }

    /** Queues an accepted {@code command} for {@code clusterId}. */
    public void submit(String clusterId, Envelope command) {
        threads.computeIfAbsent(clusterId, id -> Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "commands-" + id);
            t.setDaemon(true);
            return t;
        })).execute(() -> execute(clusterId, command));
    }

    private void execute(String clusterId, Envelope command) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "done";
        try {
            ClusterConnection cluster = connections.get(clusterId);
            AgentCommand data = (AgentCommand) command.data();
            if (data instanceof Preflight p) {
                publisher.answer(command,
                        preflight.run(clusterId, new ClusterInspector(cluster.client()), p.targetVersion(), p.profile()));
            } else if (data instanceof RestartWorkloads r) {
                // Idempotent: a workload already marked for this roll is not restarted again.
                publisher.answer(command, retry.call(command.type() + " " + command.id() + " for " + clusterId,
                        () -> restarter.restart(cluster.client(), r)));
            } else if (data instanceof RunSmokeTests s) {
                smoke.run(cluster.client(), s, result -> publisher.answer(command, result));
            } else if (data instanceof InstallControlPlane i) {
                if (installation == null) {
                    outcome = "failed";
                    publisher.answer(command, new InstallResult(clusterId, i.version(), false, "NOT_CONFIGURED",
                            "meshfleet.agent.artifact-url is not set: the agent cannot fetch releases"));
                } else {
                    InstallResult result = installation.run(cluster, i, event -> publisher.answer(command, event));
                    outcome = result.succeeded() ? "done" : "failed";
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "interrupted";
        } catch (RuntimeException e) {
            outcome = "error";
            LOG.errorf(e, "%s %s for %s failed", command.type(), command.id(), clusterId);
            answerFailure(clusterId, command, e);
        } finally {
            sample.stop(meters.timer("meshfleet.agent.command.duration", "cluster", clusterId, "type", command.type(),
                    "outcome", outcome));
        }
    }

    /**
     * Answers a command that failed with an exception, so that its issuer learns why at once rather than from its
     * deadline: an install as failed ({@code AGENT_ERROR}), a preflight with a failed {@code cluster-api} check (its
     * kind is reported USER only so that the failure reads as what it is, not as an admin cluster). Restarts (tried
     * again first on transient API failures, {@link ApiRetry}) and smoke tests answer per item and are left to their
     * issuers' deadlines.
     */
    private void answerFailure(String clusterId, Envelope command, RuntimeException e) {
        String detail = command.type() + " failed on the agent: " + e;
        try {
            if (command.data() instanceof InstallControlPlane i) {
                publisher.answer(command, new InstallResult(clusterId, i.version(), false, AGENT_ERROR, detail));
            } else if (command.data() instanceof Preflight p) {
                publisher.answer(command, new PreflightResult(clusterId, p.targetVersion(), null, ClusterKind.USER,
                        List.of(new PreflightItem("cluster-api", PreflightStatus.FAIL, detail)), Map.of()));
            }
        } catch (RuntimeException unsent) {
            LOG.errorf(unsent, "cannot answer %s %s for %s", command.type(), command.id(), clusterId);
        }
    }

    @PreDestroy
    void stop() {
        threads.values().forEach(ExecutorService::shutdownNow);
    }
}
