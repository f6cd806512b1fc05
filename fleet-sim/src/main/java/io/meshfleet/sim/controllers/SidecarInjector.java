package io.meshfleet.sim.controllers;

import static io.meshfleet.sim.store.BuiltInResources.NAMESPACES;
import static io.meshfleet.sim.store.BuiltInResources.PODS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.store.AdmissionHook;
import io.meshfleet.sim.store.AdmissionRequest;
import io.meshfleet.sim.store.ClusterStore;
import io.meshfleet.sim.store.Json;
import io.meshfleet.sim.store.StoredObject;
import java.util.Optional;

/**
 * Istio's sidecar injector, as an admission hook on pod creation: a pod in a namespace labelled
 * {@code istio-injection=enabled} (unless annotated {@code sidecar.istio.io/inject: "false"}) gets {@code istio-init}
 * and {@code istio-proxy} at the version of the control plane running now ({@link MeshImage#current}), the
 * {@code sidecar.istio.io/status} annotation and Istio's pod labels. Pods keep the proxy they were created with, which
 * is why a new control plane needs a rollout restart.
 */
final class SidecarInjector implements AdmissionHook {

    private final ClusterStore store;
    private final PodViews views;

    SidecarInjector(ClusterStore store, PodViews views) {
        this.store = store;
        this.views = views;
    }

    @Override
    public void admit(AdmissionRequest request) {
        if (request.operation() != AdmissionRequest.Operation.CREATE || request.subresource() != null
                || !request.resource().key().equals(PODS.key())) {
            return;
        }
        ObjectNode pod = request.object();
        if (!wanted(request.namespace(), pod)) {
            return;
        }
        // Called under the store's lock: these reads are the store's own (reentrant) and see exactly this moment.
        Optional<MeshImage> mesh = MeshImage.current(store, views);
        mesh.ifPresent(image -> inject(pod, image));
    }

    private boolean wanted(String namespace, ObjectNode pod) {
        JsonNode meta = pod.path("metadata");
        if (meta.path("annotations").path(Labels.SIDECAR_INJECT).asText("").equals("false")
                || meta.path("labels").path(Labels.SIDECAR_INJECT).asText("").equals("false")
                || pod.path("spec").path("hostNetwork").asBoolean(false)) {
            return false;
        }
        for (JsonNode container : pod.path("spec").path("containers")) {
            if (container.path("name").asText().equals(Labels.PROXY_CONTAINER)) {
                return false;
            }
        }
        Optional<StoredObject> ns = store.find(NAMESPACES, null, namespace);
        return ns.isPresent() && "enabled".equals(ns.get().labels().get(Labels.ISTIO_INJECTION));
    }

    /** Adds what Istio 1.5/1.6 injects (trimmed to what tools look at), at the given control plane's version. */
    static void inject(ObjectNode pod, MeshImage mesh) {
        ObjectNode meta = pod.withObjectProperty("metadata");
        ObjectNode spec = pod.withObjectProperty("spec");
        String app = meta.path("labels").path("app").asText(meta.path("name").asText(meta.path("generateName").asText()));
        String image = mesh.proxyImage();

        ArrayNode init = spec.withArrayProperty("initContainers");
        ObjectNode iptables = init.addObject().put("name", Labels.PROXY_INIT_CONTAINER).put("image", image);
        iptables.putArray("args").add("istio-iptables").add("-p").add("15001").add("-z").add("15006").add("-u")
                .add("1337").add("-m").add("REDIRECT").add("-i").add("*").add("-x").add("").add("-b").add("*")
                .add("-d").add("15090,15021,15020");

        ObjectNode proxy = spec.withArrayProperty("containers").addObject()
                .put("name", Labels.PROXY_CONTAINER).put("image", image);
        proxy.putArray("args").add("proxy").add("sidecar").add("--domain").add("$(POD_NAMESPACE).svc.cluster.local")
                .add("--serviceCluster").add(app + ".$(POD_NAMESPACE)").add("--proxyLogLevel=warning")
                .add("--concurrency").add("2");
        proxy.putArray("ports").addObject().put("containerPort", 15090).put("name", "http-envoy-prom")
                .put("protocol", "TCP");
        proxy.putObject("readinessProbe").put("failureThreshold", 30).put("initialDelaySeconds", 1)
                .put("periodSeconds", 2).putObject("httpGet").put("path", "/healthz/ready").put("port", 15021);
        ObjectNode resources = proxy.putObject("resources");
        resources.putObject("limits").put("cpu", "2").put("memory", "1Gi");
        resources.putObject("requests").put("cpu", "100m").put("memory", "128Mi");
        proxy.putObject("securityContext").put("runAsUser", 1337).put("runAsGroup", 1337);
        proxy.putArray("volumeMounts").addObject().put("name", "istio-envoy").put("mountPath", "/etc/istio/proxy");
        spec.withArrayProperty("volumes").addObject().put("name", "istio-envoy").putObject("emptyDir")
                .put("medium", "Memory");

        ObjectNode labels = meta.withObjectProperty("labels");
        labels.put("security.istio.io/tlsMode", "istio");
        labels.put("service.istio.io/canonical-name", app);
        labels.put("service.istio.io/canonical-revision", labels.path("version").asText("latest"));
        meta.withObjectProperty("annotations").put(Labels.SIDECAR_STATUS, status(mesh));
    }

    /**
     * The {@code sidecar.istio.io/status} annotation. Real Istio puts a hash of its injection template in
     * {@code version}; the simulation puts the proxy version there, which tells the same story (which injector
     * made the pod) and is readable.
     */
    static String status(MeshImage mesh) {
        ObjectNode status = Json.object().put("version", mesh.version());
        status.putArray("initContainers").add(Labels.PROXY_INIT_CONTAINER);
        status.putArray("containers").add(Labels.PROXY_CONTAINER);
        status.putArray("volumes").add("istio-envoy");
        status.putNull("imagePullSecrets");
        return status.toString();
    }
}
