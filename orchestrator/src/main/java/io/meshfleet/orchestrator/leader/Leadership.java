package io.meshfleet.orchestrator.leader;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Whether this orchestrator instance is the active one. Only the active instance runs the work that must happen
 * once: the ticker's decision passes (deadlines, soak) with the plan gauges, and the outbox relay. Everything
 * else (REST reads and writes, the Kafka consumers) is safe on every instance and runs on both: each decision pass
 * locks its plan row, messages are deduplicated in the database, and commands only leave through the outbox.
 *
 * <p>With leader election disabled (the default) this instance is active from the start. Enabled, it competes for
 * a {@code coordination.k8s.io/v1} Lease through the in-cluster Kubernetes API ({@link LeaseElection}) and is
 * active while it holds it. Exported as {@code meshfleet_orchestrator_leader} (1 active, 0 standby) and in the
 * health checks ({@link LeadershipHealth}).
 */
@ApplicationScoped
public class Leadership {

    /** What this instance is. */
    public enum Role {
        /** Holds the Lease, or election is disabled. Transitions to: STANDBY when the Lease is lost or released. */
        ACTIVE,
        /** Waits for the Lease. Transitions to: ACTIVE when it acquires the Lease. */
        STANDBY
    }

    private static final Logger LOG = Logger.getLogger(Leadership.class);

    private final LeaderElectionConfig config;
    private volatile boolean active;
    private KubernetesClient client;
    private LeaseElection election;

    Leadership(LeaderElectionConfig config, MeterRegistry meters) {
        this.config = config;
        this.active = !config.enabled();
        Gauge.builder("meshfleet.orchestrator.leader", this, l -> l.isActive() ? 1 : 0)
                .description("1 on the active orchestrator instance (Lease holder), 0 on a standby").register(meters);
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("leader election disabled: this orchestrator is the single active instance");
            return;
        }
        client = new KubernetesClientBuilder().build();
        String namespace = config.namespace().filter(n -> !n.isBlank())
                .orElse(client.getConfiguration().getNamespace());
        LeaseTerms terms = new LeaseTerms(namespace, config.leaseName(), config.identity().filter(i -> !i.isBlank())
                .orElseGet(Leadership::hostName), config.leaseDuration(), config.renewDeadline(), config.retryPeriod());
        election = new LeaseElection(client, terms, new LeaseElection.Listener() {
            @Override
            public void startedLeading() {
                active = true;
            }

            @Override
            public void stoppedLeading() {
                active = false;
            }
        });
        LOG.infof("leader election enabled: %s competes for Lease %s; standby until it holds it", terms.identity(),
                terms.lease());
        election.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (election != null) {
            election.close();
        }
        if (client != null) {
            client.close();
        }
    }

    /** Whether this instance may run the once-only work now. */
    public boolean isActive() {
        return active;
    }

    /** ACTIVE or STANDBY. */
    public Role role() {
        return active ? Role.ACTIVE : Role.STANDBY;
    }

    /** Whether this instance competes for a Lease. */
    public boolean electionEnabled() {
        return config.enabled();
    }

    /** The election, when enabled and started. */
    Optional<LeaseElection> election() {
        return Optional.ofNullable(election);
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "orchestrator-" + UUID.randomUUID();
        }
    }
}
