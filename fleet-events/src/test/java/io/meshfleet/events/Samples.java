package io.meshfleet.events;

import java.math.BigDecimal;
import java.time.Instant;
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
                                        new PodState("debug-pod", PodPhase.RUNNING, 1, 1, 0, null, null, null))))),
                                new NamespaceState("kube-public", false, List.of())),
                        Instant.parse("2024-03-01T09:58:12.345678901Z")),
                new RollSidecars("plan-1", CLUSTER, List.of("shop", "bookinfo"), "1.5.10-asm.2",
                        new SidecarLimits(50, 100, "25%"), 1800),
                new PauseRoll("plan-1", CLUSTER),
                new AbortRoll("plan-1", CLUSTER, "operator aborted: canary smoke tests failed"),
                new NamespaceProgress("plan-1", CLUSTER, "shop", 40, 35, 120, 48),
                new NamespaceConverged("plan-1", CLUSTER, "shop", 120),
                new RollFailed("plan-1", CLUSTER, "shop", "DEADLINE_EXCEEDED", List.of(
                        new PodProblem("frontend-7f9c-x2", "READY 1/2"),
                        new PodProblem("cache-0", "proxy 1.6.14-asm.1"))));
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
