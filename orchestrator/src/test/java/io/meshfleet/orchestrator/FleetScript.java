package io.meshfleet.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.events.ClusterKind;
import io.meshfleet.events.ClusterState;
import io.meshfleet.events.Command;
import io.meshfleet.events.ControlPlaneState;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.InstallResult;
import io.meshfleet.events.Message;
import io.meshfleet.events.NamespaceState;
import io.meshfleet.events.PodPhase;
import io.meshfleet.events.PodState;
import io.meshfleet.events.PreflightItem;
import io.meshfleet.events.PreflightResult;
import io.meshfleet.events.PreflightStatus;
import io.meshfleet.events.ReleaseIndex;
import io.meshfleet.events.ReleaseVerified;
import io.meshfleet.events.SmokeTestResult;
import io.meshfleet.events.Topics;
import io.meshfleet.events.WorkloadKind;
import io.meshfleet.events.WorkloadState;
import io.meshfleet.events.signing.CommandVerifier;
import io.meshfleet.events.signing.Verdict;
import io.meshfleet.messaging.testing.TestKafka;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays the agents, the roller and artifact-service over the real broker: publishes their events as
 * real Kafka messages and waits for the orchestrator's commands, checking each agent command's signature.
 */
final class FleetScript {

    static final String FROM = "1.6.14-asm.1";
    static final String TARGET = "1.5.10-asm.2";
    static final String PLATFORM = "linux";
    private static final Clock CLOCK = Clock.systemUTC();
    // Seeded from the wall clock: a restarted application reloads this class, and reports must keep growing.
    private static final AtomicLong GENERATION = new AtomicLong(System.currentTimeMillis() * 1000);

    private FleetScript() {
    }

    /** Publishes {@code envelope} on its topic with its key; waits for the broker's acknowledgement. */
    static void publish(Envelope envelope) {
        SharedKafka.probe().send(envelope.topic(), envelope.key(), TestKafka.CODEC.encode(envelope));
    }

    /** Reads {@code topic} from the start until an envelope matches. */
    static Envelope awaitEnvelope(String topic, java.util.function.Predicate<Envelope> match) {
        return TestKafka.CODEC.decode(lastOf(SharedKafka.probe().readUntil(topic,
                record -> match.test(TestKafka.CODEC.decode(record.value())), Duration.ofSeconds(30))).value());
    }

    /** Every record of {@code topic} up to the first that matches (the matching one last). */
    static List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> readUntil(String topic,
            java.util.function.Predicate<Envelope> match) {
        return SharedKafka.probe().readUntil(topic, record -> match.test(TestKafka.CODEC.decode(record.value())),
                Duration.ofSeconds(30));
    }

    static Envelope decode(byte[] value) {
        return TestKafka.CODEC.decode(value);
    }

    static Envelope decode(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record) {
        return decode(record.value());
    }

    private static <T> T lastOf(List<T> list) {
        return list.get(list.size() - 1);
    }

    static void releaseVerified(String version, char shaDigit) {
        publish(Envelope.of("artifact-service", new ReleaseVerified(version, PLATFORM,
                "istio-" + version + "-" + PLATFORM + ".tar.gz", String.valueOf(shaDigit).repeat(64), 1024, "google-1",
                "file:///srv/releases", new ReleaseIndex("bin/istioctl", "c".repeat(64), List.of("asm-multicloud"),
                List.of())), CLOCK));
    }

    /** A state report: control plane at {@code cpVersion}, two ready workload pods with sidecars at {@code proxy}. */
    static void state(String cluster, ClusterKind kind, Map<String, String> labels, String cpVersion, String proxy) {
        PodState istiod = new PodState("istiod-1", PodPhase.RUNNING, 1, 1, 0, null, "ReplicaSet", "istiod");
        List<PodState> pods = List.of(
                new PodState("web-1", PodPhase.RUNNING, 2, 2, 0, proxy, "ReplicaSet", "web"),
                new PodState("web-2", PodPhase.RUNNING, 2, 2, 0, proxy, "ReplicaSet", "web"));
        publish(Envelope.of("agent/" + cluster, new ClusterState(cluster, GENERATION.incrementAndGet(), kind,
                labels, cpVersion, new ControlPlaneState(cpVersion, List.of(istiod)),
                List.of(new NamespaceState("shop", true, List.of(new WorkloadState(WorkloadKind.DEPLOYMENT, "web", 2,
                        pods)))), CLOCK.instant()), CLOCK));
    }

    /** Waits for a command of {@code type} to {@code cluster} of {@code planId} whose correlation ends with {@code attempt}. */
    static <T extends Command> Envelope awaitCommand(Class<T> type, String cluster, String planId, int attempt) {
        String topic = io.meshfleet.events.MessageTypes.of(type).topic();
        Envelope command = awaitEnvelope(topic, e -> type.isInstance(e.data()) && cluster.equals(e.subject())
                && planId.equals(e.planId()) && e.correlationId() != null
                && e.correlationId().endsWith("/" + attempt));
        if (topic.equals(Topics.AGENT_COMMANDS)) {
            Verdict verdict = new CommandVerifier(TestSigningKey.trusted(), CLOCK, Duration.ofMinutes(30), cluster)
                    .verify(command);
            assertThat(verdict.accepted()).as("signature of %s: %s", command.type(), verdict).isTrue();
        }
        return command;
    }

    /** Answers {@code command} as its agent or the roller would: same plan, correlated to it. */
    static void answer(Envelope command, Message event) {
        publish(Envelope.of("agent/" + command.subject(), event, CLOCK).causedBy(command));
    }

    static void preflightPassed(Envelope preflight) {
        answer(preflight, new PreflightResult(preflight.subject(), TARGET, FROM, ClusterKind.USER,
                List.of(new PreflightItem("permissions", PreflightStatus.PASS, "cluster-admin")),
                Map.of("values", Map.of("global", Map.of("meshID", "prod")))));
    }

    static void installed(Envelope install, boolean ok) {
        String version = ((io.meshfleet.events.InstallControlPlane) install.data()).version();
        answer(install, new InstallResult(install.subject(), version, ok, ok ? null : "istiod did not become ready",
                "istioctl output"));
    }

    static void smokePassed(Envelope run, String check) {
        answer(run, new SmokeTestResult(run.subject(), check, true, "HTTP 200"));
    }
}
