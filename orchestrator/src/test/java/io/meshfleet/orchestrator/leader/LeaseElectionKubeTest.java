package io.meshfleet.orchestrator.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.meshfleet.sim.fleet.FleetSim;
import io.meshfleet.sim.scenario.ScenarioReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two orchestrator instances compete for a {@code coordination.k8s.io/v1} Lease on a fleet-sim cluster (a real
 * HTTP Kubernetes API, driven by fabric8 as in a pod): one leads, the other stands by and takes over when the
 * leader releases the Lease (graceful stop) or stops renewing it (crash), never while it is held.
 */
class LeaseElectionKubeTest {

    private static final Duration LEASE = Duration.ofSeconds(4);
    private static final Duration RENEW = Duration.ofSeconds(3);
    private static final Duration RETRY = Duration.ofMillis(500);
    /** A takeover may take a lease duration plus one retry (with fabric8's jitter) after the last renewal. */
    private static final Duration TAKEOVER = LEASE.plus(RETRY.multipliedBy(4));

    @TempDir
    static Path work;
    private static FleetSim fleet;
    private static KubernetesClient admin;

    private final List<AutoCloseable> open = new ArrayList<>();
    private String namespace;

    @BeforeAll
    static void startCluster() {
        fleet = FleetSim.start(ScenarioReader.read("name: lease-tests\nclusters:\n  - name: management\n",
                "lease-tests"), work);
        admin = client();
    }

    @AfterAll
    static void stopCluster() {
        admin.close();
        fleet.close();
    }

    @BeforeEach
    void namespace(TestInfo test) {
        namespace = test.getTestMethod().orElseThrow().getName().toLowerCase().replaceAll("[^a-z0-9]", "-")
                .substring(0, 20);
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                .build()).create();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void oneLeadsTheOtherStandsByAndTakesOverWhenTheLeaderStops() {
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        LeaseElection first = election("orchestrator-a", client(), a).start();
        await().atMost(TAKEOVER).until(first::isLeading);
        LeaseElection second = election("orchestrator-b", client(), b).start();

        // The standby sees the leader and stays a standby for several renewals of the Lease.
        await().atMost(TAKEOVER).until(() -> second.leader().filter("orchestrator-a"::equals).isPresent());
        await().during(LEASE.plus(RETRY)).atMost(LEASE.multipliedBy(3)).until(() -> first.isLeading()
                && !second.isLeading());
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("orchestrator-a");
        assertThat(b.events).isEmpty();

        long stoppedAt = System.nanoTime();
        first.close(); // a graceful shutdown releases the Lease
        assertThat(a.events).containsExactly("started", "stopped");
        await().atMost(TAKEOVER).until(second::isLeading);
        assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(LEASE);
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("orchestrator-b");
        assertThat(b.events).containsExactly("started");
    }

    @Test
    void aCrashedLeadersLeaseExpiresAndTheStandbyTakesItOverWithinTheLeaseDuration() {
        KubernetesClient crashing = client();
        LeaseElection first = election("orchestrator-a", crashing, new Recorder()).start();
        await().atMost(TAKEOVER).until(first::isLeading);
        LeaseElection second = election("orchestrator-b", client(), new Recorder()).start();
        await().atMost(TAKEOVER).until(() -> second.leader().isPresent());

        long crashedAt = System.nanoTime();
        crashing.close(); // the leader can no longer renew, nor release: as if its pod died
        // The Lease was renewed at most one retry period ago, so it holds the standby off for most of its duration.
        await().during(LEASE.minus(RETRY).minus(Duration.ofSeconds(1))).atMost(TAKEOVER).until(() -> !second.isLeading());
        await().atMost(TAKEOVER).until(second::isLeading);
        assertThat(Duration.ofNanos(System.nanoTime() - crashedAt)).isLessThanOrEqualTo(TAKEOVER);
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("orchestrator-b");
    }

    @Test
    void aLeaderThatLosesItsLeaseStandsByAndCompetesAgain() {
        Recorder a = new Recorder();
        LeaseElection first = election("orchestrator-a", client(), a).start();
        await().atMost(TAKEOVER).until(first::isLeading);

        // Someone else takes the Lease (as a standby would after a partition); the old leader's renewals now fail.
        // The leader renews meanwhile, so a read-then-update can meet 409 Conflict: read again and retry, as a standby does.
        await("the intruder's update of the Lease").atMost(TAKEOVER)
                .ignoreExceptionsInstanceOf(KubernetesClientException.class).until(() -> {
                    Lease taken = lease();
                    taken.getSpec().setHolderIdentity("intruder");
                    taken.getSpec().setRenewTime(ZonedDateTime.now());
                    taken.getSpec().setAcquireTime(ZonedDateTime.now());
                    admin.leases().inNamespace(namespace).resource(taken).update();
                    return true;
                });

        await().atMost(TAKEOVER.plus(RENEW)).until(() -> !first.isLeading());
        assertThat(a.events).containsExactly("started", "stopped");
        // The intruder never renews: its Lease expires and the old leader, still competing, takes it back.
        await().atMost(TAKEOVER.plus(RENEW)).until(first::isLeading);
        assertThat(a.events).containsExactly("started", "stopped", "started");
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("orchestrator-a");
    }

    private LeaseElection election(String identity, KubernetesClient client, Recorder recorder) {
        LeaseElection election = new LeaseElection(client,
                new LeaseTerms(namespace, "meshfleet-orchestrator", identity, LEASE, RENEW, RETRY), recorder);
        open.add(election);
        open.add(client);
        return election;
    }

    private Lease lease() {
        return admin.leases().inNamespace(namespace).withName("meshfleet-orchestrator").get();
    }

    private static KubernetesClient client() {
        Config config = Config.fromKubeconfig("management", fleet.kubeconfig().toFile());
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** What the election told its listener, in order. */
    private static final class Recorder implements LeaseElection.Listener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void startedLeading() {
            events.add("started");
        }

        @Override
        public void stoppedLeading() {
            events.add("stopped");
        }
    }
}
