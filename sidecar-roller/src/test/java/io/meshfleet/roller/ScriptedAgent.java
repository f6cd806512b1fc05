package io.meshfleet.roller;

import io.meshfleet.events.ClusterKind;
import io.meshfleet.events.ClusterState;
import io.meshfleet.events.CommandRefused;
import io.meshfleet.events.ControlPlaneState;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.NamespaceState;
import io.meshfleet.events.PodPhase;
import io.meshfleet.events.PodState;
import io.meshfleet.events.RestartExecuted;
import io.meshfleet.events.RestartWorkloads;
import io.meshfleet.events.Topics;
import io.meshfleet.events.WorkloadKind;
import io.meshfleet.events.WorkloadRef;
import io.meshfleet.events.WorkloadState;
import io.meshfleet.events.signing.CommandVerifier;
import io.meshfleet.events.signing.SigningKey;
import io.meshfleet.events.signing.TrustedKeys;
import io.meshfleet.events.signing.Verdict;
import io.meshfleet.messaging.testing.TestKafka;
import io.meshfleet.stack.quarkus.KafkaTestResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The cluster-agent's side of a roll, scripted over the real broker: it verifies each signed
 * {@code RestartWorkloads} for its cluster against the roller's pinned public key, restarts the
 * workloads in its simulated cluster (pods Pending at the new proxy, READY 2/2 after {@code settle}, or
 * crash-looping), answers {@code RestartExecuted} (or {@code CommandRefused}) and publishes a new
 * {@code ClusterState} whenever the cluster changed.
 */
final class ScriptedAgent implements AutoCloseable {

    static final String OLD = "1.6.14-asm.1";
    static final String TARGET = "1.5.10-asm.2";
    private static final Clock CLOCK = Clock.systemUTC();

    /** One restart command the agent executed: when, and which workloads. */
    record Executed(Instant at, String namespace, List<String> workloads) {
    }

    private static final class Workload {
        final String name;
        final int replicas;
        String version = OLD;
        Instant restartedAt;
        int restarts;

        Workload(String name, int replicas) {
            this.name = name;
            this.replicas = replicas;
        }
    }

    private final String clusterId;
    private final Duration settle;
    private final Map<String, List<Workload>> namespaces = new LinkedHashMap<>();
    private final Set<String> crashLooping = new HashSet<>();
    private final List<Executed> executed = new CopyOnWriteArrayList<>();
    private final List<Verdict> refused = new CopyOnWriteArrayList<>();
    private final CommandVerifier verifier;
    private volatile boolean running = true;
    private Thread thread;
    private long generation;
    private List<NamespaceState> published;

    ScriptedAgent(String clusterId, Duration settle) {
        this.clusterId = clusterId;
        this.settle = settle;
        try {
            String rollerKey = SigningKey.load(Path.of("src/test/resources/roller-test-key.pem")).publicKeyPem();
            this.verifier = new CommandVerifier(TrustedKeys.fromPem(rollerKey), CLOCK, Duration.ofMinutes(10), clusterId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ScriptedAgent deployment(String namespace, String name, int replicas) {
        namespaces.computeIfAbsent(namespace, n -> new ArrayList<>()).add(new Workload(name, replicas));
        return this;
    }

    ScriptedAgent crashLoopsAfterRestart(String namespace, String name) {
        crashLooping.add(namespace + "/" + name);
        return this;
    }

    /** Publishes the first state report and starts answering commands. */
    ScriptedAgent start() {
        publishIfChanged();
        thread = new Thread(this::run, "scripted-agent-" + clusterId);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    List<Executed> executed() {
        return List.copyOf(executed);
    }

    List<Verdict> refused() {
        return List.copyOf(refused);
    }

    synchronized int restarts(String namespace, String name) {
        return find(namespace, name).restarts;
    }

    /** Whether every pod is READY 2/2 at the target proxy. */
    synchronized boolean allConverged() {
        return state(Instant.now()).stream().flatMap(ns -> ns.workloads().stream()).flatMap(w -> w.pods().stream())
                .allMatch(pod -> pod.convergedAt(TARGET));
    }

    private void run() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "scripted-agent-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.AGENT_COMMANDS));
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (clusterId.equals(record.key())) {
                        execute(TestKafka.CODEC.decode(record.value()));
                    }
                }
                publishIfChanged();
            }
        }
    }

    private void execute(Envelope command) {
        Verdict verdict = verifier.verify(command);
        if (!verdict.accepted()) {
            refused.add(verdict);
            TestKafka.publish(Envelope.of("test/agent", new CommandRefused(clusterId, command.id(), command.type(),
                    verdict.reason(), verdict.detail()), CLOCK).causedBy(command));
            return;
        }
        RestartWorkloads restart = (RestartWorkloads) command.data();
        Instant now = Instant.now();
        synchronized (this) {
            for (WorkloadRef ref : restart.workloads()) {
                Workload workload = find(restart.namespace(), ref.name());
                workload.version = TARGET;
                workload.restartedAt = now;
                workload.restarts++;
            }
        }
        executed.add(new Executed(now, restart.namespace(), restart.workloads().stream().map(WorkloadRef::name).toList()));
        TestKafka.publish(Envelope.of("test/agent", new RestartExecuted(clusterId, restart.rollId(), restart.namespace(),
                restart.workloads(), List.of()), CLOCK).causedBy(command));
        publishIfChanged();
    }

    private synchronized void publishIfChanged() {
        List<NamespaceState> now = state(Instant.now());
        if (now.equals(published)) {
            return;
        }
        published = now;
        TestKafka.publish(Envelope.of("test/agent", new ClusterState(clusterId, ++generation, ClusterKind.USER, Map.of(),
                TARGET, new ControlPlaneState(TARGET, List.of()), now, CLOCK.instant()), CLOCK));
    }

    private List<NamespaceState> state(Instant now) {
        List<NamespaceState> list = new ArrayList<>();
        for (Map.Entry<String, List<Workload>> ns : namespaces.entrySet()) {
            List<WorkloadState> workloads = new ArrayList<>();
            for (Workload w : ns.getValue()) {
                List<PodState> pods = new ArrayList<>();
                for (int i = 0; i < w.replicas; i++) {
                    pods.add(pod(ns.getKey(), w, i, now));
                }
                workloads.add(new WorkloadState(WorkloadKind.DEPLOYMENT, w.name, w.replicas, pods));
            }
            list.add(new NamespaceState(ns.getKey(), true, workloads));
        }
        return list;
    }

    private PodState pod(String namespace, Workload w, int i, Instant now) {
        String name = w.name + "-" + w.restarts + "-" + i;
        if (w.restartedAt == null || !now.isBefore(w.restartedAt.plus(settle))) {
            if (w.restartedAt != null && crashLooping.contains(namespace + "/" + w.name)) {
                return new PodState(name, PodPhase.RUNNING, 1, 2, 4, w.version, "ReplicaSet", w.name);
            }
            return new PodState(name, PodPhase.RUNNING, 2, 2, 0, w.version, "ReplicaSet", w.name);
        }
        return new PodState(name, PodPhase.PENDING, 0, 2, 0, w.version, "ReplicaSet", w.name);
    }

    private Workload find(String namespace, String name) {
        return namespaces.getOrDefault(namespace, List.of()).stream().filter(w -> w.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no workload " + namespace + "/" + name));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(Duration.ofSeconds(10).toMillis());
        }
    }
}
