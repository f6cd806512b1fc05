package io.meshfleet.events;

import io.meshfleet.events.MessageTypes.MessageType;
import io.meshfleet.events.signing.CommandSigner;
import io.meshfleet.events.signing.SigningKey;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** One realistic instance of every message type, for table-driven tests. */
public final class Samples {

    public static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    public static final String CLUSTER = "user-cluster-7";

    /** The time of every golden envelope. */
    public static final Instant GOLDEN_TIME = Instant.parse("2024-03-01T10:00:00Z");
    /** The id of every golden envelope. */
    public static final String GOLDEN_ID = "0bac96d0-91db-48f3-9e41-e28c966b6b01";
    /** The issuer key of golden agent commands; derived from fixed bytes, so their signatures are stable. */
    public static final SigningKey GOLDEN_KEY = SigningKey.generate(fixedRandom((byte) 0x5a));

    private Samples() {
    }

    public static Map<String, Object> overlay() {
        Map<String, Object> tracing = new LinkedHashMap<>();
        tracing.put("sampling", new BigDecimal("1.0"));
        tracing.put("zipkin", Map.of("address", "zipkin.istio-system:9411"));
        Map<String, Object> overlay = new LinkedHashMap<>();
        overlay.put("meshConfig", Map.of("defaultConfig", Map.of("tracing", tracing)));
        overlay.put("values", Map.of(
                "global", Map.of("proxy", Map.of("concurrency", 2, "holdApplicationUntilProxyStarts", true)),
                "pilot", Map.of("traceSampling", 0.5, "env", List.of("A", "B"))));
        overlay.put("components", Map.of("cni", Map.of("enabled", false)));
        overlay.put("removed", null);
        return overlay;
    }

    public static InstallControlPlane install(String clusterId) {
        return new InstallControlPlane(clusterId, "1.5.10-asm.2", "asm-multicloud", overlay(), SHA,
                "linux-amd64", Installer.ISTIOCTL, 600);
    }

    public static PodState pod(String name, String version) {
        return new PodState(name, PodPhase.RUNNING, 2, 2, 0, version, "ReplicaSet", name.substring(0, name.lastIndexOf('-')));
    }

    public static List<Message> all() {
        WorkloadRef frontend = new WorkloadRef(WorkloadKind.DEPLOYMENT, "frontend");
        WorkloadRef cache = new WorkloadRef(WorkloadKind.STATEFUL_SET, "cache");
        return List.of(
                new MirrorRelease("1.5.10-asm.2", List.of("linux-amd64", "osx", "win"),
                        "https://storage.googleapis.com/gke-release/asm/"),
                new ReleaseVerified("1.5.10-asm.2", "linux-amd64", "istio-1.5.10-asm.2-linux-amd64.tar.gz", SHA,
                        31_457_280L, "0f3c2a1b4d5e6f70", "https://storage.googleapis.com/gke-release/asm/",
                        new ReleaseIndex("istio-1.5.10-asm.2/bin/istioctl", SHA,
                                List.of("asm-multicloud", "default", "minimal"), List.of("bookinfo", "httpbin"))),
                new ReleaseRejected("1.5.10-asm.2", "win", RejectionReason.SIGNATURE_INVALID,
                        "signature istio-1.5.10-asm.2-win.zip.1.sig does not verify against any pinned key; check the pinned keys"),
                new Preflight(CLUSTER, "1.5.10-asm.2", "asm-multicloud"),
                install(CLUSTER),
                new RestartWorkloads(CLUSTER, "roll-42", "shop", List.of(frontend, cache), false),
                new RunSmokeTests(CLUSTER, List.of(
                        SmokeCheck.http("productpage", "http://productpage.bookinfo:9080/productpage", 200, "Book Details"),
                        SmokeCheck.job("curl-job", "curlimages/curl:8.5.0", List.of("curl", "-sf", "http://ratings:9080/health"))),
                        300),
                new PreflightResult(CLUSTER, "1.5.10-asm.2", "1.6.14-asm.1", ClusterKind.USER, List.of(
                        new PreflightItem("cluster-kind", PreflightStatus.PASS, "user cluster"),
                        new PreflightItem("feature:telemetry-v2", PreflightStatus.WARN, "not available in 1.5")),
                        overlay()),
                new InstallProgress(CLUSTER, "1.5.10-asm.2", InstallPhase.AWAITING_CONTROL_PLANE, "istiod 1/2 ready"),
                new InstallResult(CLUSTER, "1.5.10-asm.2", false, "TIMEOUT", "✔ Istio core installed\n✘ Istiod timed out"),
                new RestartExecuted(CLUSTER, "roll-42", "shop", List.of(frontend), List.of("debug-pod")),
                new SmokeTestResult(CLUSTER, "productpage", true, "200 in 41 ms"),
                new CommandRefused(CLUSTER, "7d0b7c3e-3f4a-4a53-9a77-0d6f8a0c1e2b", "meshfleet.InstallControlPlane",
                        RefusalReason.EXPIRED, "expired at 2024-03-01T10:00:00Z"),
                new ClusterState(CLUSTER, 17L, ClusterKind.USER, Map.of("env", "prod", "region", "eu-west"),
                        "1.6.14-asm.1",
                        new ControlPlaneState("1.6.14-asm.1", List.of(pod("istiod-5d8f-abcde", "1.6.14-asm.1"))),
                        List.of(new NamespaceState("shop", true, List.of(
                                new WorkloadState(WorkloadKind.DEPLOYMENT, "frontend", 2, List.of(
                                        pod("frontend-7f9c-x1", "1.6.14-asm.1"),
                                        new PodState("frontend-7f9c-x2", PodPhase.PENDING, 0, 2, 3, null, "ReplicaSet", "frontend-7f9c"))),
                                new WorkloadState(WorkloadKind.POD, "debug-pod", 1, List.of(
                                        new PodState("debug-pod", PodPhase.RUNNING, 1, 1, 0, null, null, null)))),
                                        List.of(new DisruptionBudgetState("frontend-pdb", List.of(frontend), 0)),
                                        Map.of("istio-injection", "enabled", "meshfleet.io/roll-wave", "2")),
                                new NamespaceState("kube-public", false, List.of())),
                        Instant.parse("2024-03-01T09:58:12.345678901Z")),
                new RollSidecars("plan-1", CLUSTER, List.of("shop", "bookinfo"), "1.5.10-asm.2",
                        new SidecarLimits(50, 100, "25%"), 1800, NamespaceOrder.BY_NAME, NamespaceFailurePolicy.CONTINUE),
                new PauseRoll("plan-1", CLUSTER),
                new AbortRoll("plan-1", CLUSTER, "operator aborted: canary smoke tests failed"),
                new NamespaceProgress("plan-1", CLUSTER, "shop", 40, 35, 120, 48),
                new NamespaceConverged("plan-1", CLUSTER, "shop", 120),
                new RollFailed("plan-1", CLUSTER, "shop", "DEADLINE_EXCEEDED", List.of(
                        new PodProblem("frontend-7f9c-x2", "READY 1/2"),
                        new PodProblem("cache-0", "proxy 1.6.14-asm.1"))));
    }

    /**
     * The sample of {@code type} in the envelope its golden file pins: every attribute set, all fixed, and
     * for an agent command signed by {@link #GOLDEN_KEY} with a fixed nonce, valid for five minutes.
     */
    public static Envelope golden(MessageType type) {
        Message data = of(type.recordClass());
        Envelope envelope = new Envelope(Envelope.SPEC_VERSION, GOLDEN_ID, type.name(), goldenSource(type.topic()),
                GOLDEN_TIME, data.key(), "plan-2024-03-canary", "4f1c3a2e-0000-4000-8000-000000000001",
                type.dataVersion(), data, null, null, null, null, null);
        if (!(data instanceof AgentCommand)) {
            return envelope;
        }
        CommandSigner signer = new CommandSigner(GOLDEN_KEY, Clock.fixed(GOLDEN_TIME, ZoneOffset.UTC),
                fixedRandom((byte) 0x17), new EnvelopeCodec());
        return signer.sign(envelope, Duration.ofMinutes(5));
    }

    private static String goldenSource(String topic) {
        return switch (topic) {
            case Topics.ARTIFACT_COMMANDS -> "meshfleet/fleetctl";
            case Topics.ARTIFACT_EVENTS -> "meshfleet/artifact-service";
            case Topics.AGENT_COMMANDS, Topics.ROLLER_COMMANDS -> "meshfleet/orchestrator";
            case Topics.AGENT_EVENTS, Topics.CLUSTER_STATE -> "meshfleet/cluster-agent";
            case Topics.ROLLER_EVENTS -> "meshfleet/sidecar-roller";
            default -> throw new AssertionError("no golden source for topic " + topic);
        };
    }

    // Golden files must not change from run to run, so the key and the nonces come from fixed bytes.
    private static SecureRandom fixedRandom(byte seed) {
        return new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (seed + 31 * i);
                }
            }
        };
    }

    public static Map<Class<?>, Message> byClass() {
        return all().stream().collect(Collectors.toMap(Object::getClass, Function.identity()));
    }

    public static Message of(Class<?> type) {
        Message sample = byClass().get(type);
        if (sample == null) {
            throw new AssertionError("no sample for " + type.getName() + "; add one to Samples.all()");
        }
        return sample;
    }

    /** All leaf record classes reachable from {@code root} through permitted subclasses. */
    public static List<Class<?>> permittedRecords(Class<?> root) {
        if (root.isRecord()) {
            return List.of(root);
        }
        return Arrays.stream(root.getPermittedSubclasses())
                .flatMap(c -> permittedRecords(c).stream())
                .distinct()
                .toList();
    }
}
