package io.meshfleet.sim.api;

import static io.meshfleet.sim.store.BuiltInResources.NAMESPACES;
import static io.meshfleet.sim.store.BuiltInResources.PODS;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.store.ClusterStore;
import io.meshfleet.sim.store.Json;
import io.meshfleet.sim.store.StoreOptions;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures what a simulated fleet costs: start time and heap (after GC) for N empty clusters, then with P pods each
 * (Istio-injected pods, Running and Ready, as the kubelet simulation will leave them), and the latency of listing one
 * cluster's pods over HTTP. Not a test: run it by hand (see fleet-sim/README.md) with
 * {@code java -Xmx2g -cp ... io.meshfleet.sim.api.FleetFootprint [clusters] [podsPerCluster] [historyLimit]}.
 */
public final class FleetFootprint {

    private FleetFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int clusters = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int pods = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int history = args.length > 2 ? Integer.parseInt(args[2]) : StoreOptions.DEFAULTS.historyLimit();
        System.out.printf("fleet-sim footprint: %d clusters x %d pods, history %d, max heap %d MiB, %d cpus%n",
                clusters, pods, history, Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());
        long baseline = heapAfterGc();

        long start = System.nanoTime();
        SimApiServer server = new SimApiServer(SimApiServer.Settings.DEFAULTS
                .withStoreOptions(StoreOptions.DEFAULTS.withHistoryLimit(history))).start();
        long serverStarted = System.nanoTime();
        List<SimCluster> fleet = new ArrayList<>();
        for (int i = 0; i < clusters; i++) {
            fleet.add(server.addCluster(String.format("edge-%04d", i)));
        }
        long clustersAdded = System.nanoTime();
        long emptyHeap = heapAfterGc();
        System.out.printf("server start: %d ms; %d empty clusters added in %d ms; heap used after GC: %d MiB "
                        + "(%.1f KiB per cluster over the %d MiB baseline)%n",
                millis(start, serverStarted), clusters, millis(serverStarted, clustersAdded),
                emptyHeap >> 20, (emptyHeap - baseline) / 1024.0 / clusters, baseline >> 20);

        ObjectNode template = injectedPod();
        System.out.printf("one pod is %d bytes of JSON%n", Json.bytes(template).length);
        long podsStart = System.nanoTime();
        for (SimCluster cluster : fleet) {
            ClusterStore store = cluster.store();
            ObjectNode ns = Json.object();
            ns.putObject("metadata").put("name", "shop");
            store.create(NAMESPACES, null, ns);
            for (int p = 0; p < pods; p++) {
                ObjectNode pod = template.deepCopy();
                ((ObjectNode) pod.get("metadata")).put("name", "web-7c9f8d6b5-" + p);
                ObjectNode status = (ObjectNode) pod.remove("status");
                store.create(PODS, "shop", pod);
                store.editStatus(PODS, "shop", "web-7c9f8d6b5-" + p, current -> current.set("status", status));
            }
        }
        long podsAdded = System.nanoTime();
        long fullHeap = heapAfterGc();
        System.out.printf("%d pods created and made Running in %d ms (%.1f us per pod write); heap used after GC: "
                        + "%d MiB (%.2f KiB per pod)%n",
                clusters * pods, millis(podsStart, podsAdded),
                (podsAdded - podsStart) / 1000.0 / (2.0 * clusters * pods), fullHeap >> 20,
                (fullHeap - emptyHeap) / 1024.0 / Math.max(1, clusters * pods));

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI list = URI.create(fleet.get(clusters / 2).url() + "/api/v1/namespaces/shop/pods");
        HttpRequest request = HttpRequest.newBuilder(list).header("Accept", "application/json").build();
        for (int i = 0; i < 50; i++) {
            http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        int rounds = 200;
        long listStart = System.nanoTime();
        int bytes = 0;
        for (int i = 0; i < rounds; i++) {
            bytes = http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body().length;
        }
        long listEnd = System.nanoTime();
        System.out.printf("GET %s: %d bytes, %.2f ms per request (sequential, warm)%n", list.getPath(), bytes,
                (listEnd - listStart) / 1e6 / rounds);
        server.close();
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** A Deployment's pod after Istio injection, Running and Ready: roughly what a real cluster stores. */
    static ObjectNode injectedPod() {
        ObjectNode pod = Json.object().put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata").put("generateName", "web-7c9f8d6b5-");
        meta.putObject("labels").put("app", "web").put("version", "v1").put("pod-template-hash", "7c9f8d6b5")
                .put("security.istio.io/tlsMode", "istio").put("service.istio.io/canonical-name", "web");
        meta.putObject("annotations")
                .put("sidecar.istio.io/status", "{\"initContainers\":[\"istio-init\"],\"containers\":"
                        + "[\"istio-proxy\"],\"volumes\":[\"istio-envoy\",\"istio-data\",\"istio-podinfo\","
                        + "\"istio-token\",\"istiod-ca-cert\"],\"imagePullSecrets\":null,\"revision\":\"asm-1614-1\"}")
                .put("kubectl.kubernetes.io/default-container", "web")
                .put("prometheus.io/port", "15020").put("prometheus.io/scrape", "true");
        meta.putArray("ownerReferences").addObject().put("apiVersion", "apps/v1").put("kind", "ReplicaSet")
                .put("name", "web-7c9f8d6b5").put("uid", "0f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f")
                .put("controller", true).put("blockOwnerDeletion", true);
        ObjectNode spec = pod.putObject("spec").put("nodeName", "node-3").put("serviceAccountName", "web");
        ArrayNode init = spec.putArray("initContainers");
        ObjectNode istioInit = init.addObject().put("name", "istio-init")
                .put("image", "gcr.io/gke-release/asm/proxyv2:1.6.14-asm.2");
        ArrayNode initArgs = istioInit.putArray("args");
        for (String a : List.of("istio-iptables", "-p", "15001", "-z", "15006", "-u", "1337", "-m", "REDIRECT",
                "-i", "*", "-x", "", "-b", "*", "-d", "15090,15021,15020")) {
            initArgs.add(a);
        }
        ArrayNode containers = spec.putArray("containers");
        ObjectNode app = containers.addObject().put("name", "web").put("image", "registry.example.com/shop/web:2.4.1");
        app.putArray("ports").addObject().put("containerPort", 8080).put("protocol", "TCP");
        app.putObject("resources").putObject("requests").put("cpu", "100m").put("memory", "128Mi");
        app.putArray("volumeMounts").addObject().put("name", "kube-api-access-x7k2p")
                .put("mountPath", "/var/run/secrets/kubernetes.io/serviceaccount").put("readOnly", true);
        ObjectNode proxy = containers.addObject().put("name", "istio-proxy")
                .put("image", "gcr.io/gke-release/asm/proxyv2:1.6.14-asm.2");
        ArrayNode proxyArgs = proxy.putArray("args");
        for (String a : List.of("proxy", "sidecar", "--domain", "$(POD_NAMESPACE).svc.cluster.local",
                "--serviceCluster", "web.$(POD_NAMESPACE)", "--proxyLogLevel=warning", "--concurrency", "2")) {
            proxyArgs.add(a);
        }
        ArrayNode env = proxy.putArray("env");
        for (String e : List.of("JWT_POLICY", "PILOT_CERT_PROVIDER", "CA_ADDR", "POD_NAME", "POD_NAMESPACE",
                "INSTANCE_IP", "SERVICE_ACCOUNT", "ISTIO_META_WORKLOAD_NAME", "ISTIO_META_MESH_ID")) {
            env.addObject().put("name", e).put("value", "value-of-" + e.toLowerCase());
        }
        proxy.putArray("ports").addObject().put("name", "http-envoy-prom").put("containerPort", 15090)
                .put("protocol", "TCP");
        proxy.putObject("resources").putObject("limits").put("cpu", "2").put("memory", "1Gi");
        ArrayNode mounts = proxy.putArray("volumeMounts");
        for (String v : List.of("istiod-ca-cert", "istio-data", "istio-envoy", "istio-token", "istio-podinfo")) {
            mounts.addObject().put("name", v).put("mountPath", "/var/run/" + v);
        }
        ArrayNode volumes = spec.putArray("volumes");
        for (String v : List.of("istio-envoy", "istio-data", "istio-podinfo", "istio-token", "istiod-ca-cert",
                "kube-api-access-x7k2p")) {
            volumes.addObject().put("name", v).putObject("emptyDir");
        }
        ObjectNode status = pod.putObject("status").put("phase", "Running").put("podIP", "10.8.3.17")
                .put("hostIP", "10.0.0.13").put("startTime", "2025-03-01T10:00:00Z").put("qosClass", "Burstable");
        ArrayNode conditions = status.putArray("conditions");
        for (String c : List.of("Initialized", "Ready", "ContainersReady", "PodScheduled")) {
            conditions.addObject().put("type", c).put("status", "True")
                    .put("lastTransitionTime", "2025-03-01T10:00:05Z");
        }
        ArrayNode statuses = status.putArray("containerStatuses");
        for (String c : List.of("web", "istio-proxy")) {
            ObjectNode s = statuses.addObject().put("name", c).put("ready", true).put("restartCount", 0)
                    .put("started", true).put("image", "image-of-" + c).put("containerID",
                            "containerd://4f1e0c0b9a8d7c6b5a4f3e2d1c0b9a8d7c6b5a4f3e2d1c0b9a8d7c6b5a4f3e2d");
            s.putObject("state").putObject("running").put("startedAt", "2025-03-01T10:00:03Z");
        }
        return pod;
    }
}
