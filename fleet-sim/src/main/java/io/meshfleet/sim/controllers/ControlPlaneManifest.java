package io.meshfleet.sim.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.store.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an IstioOperator spec installs, as plain objects: istiod ({@code app=istiod}, container {@code discovery},
 * image {@code <hub>/pilot:<tag>}) and each enabled gateway ({@code <hub>/proxyv2:<tag>}), their Deployments and
 * Services, and which gateway Deployments a disabled entry removes. Pure; the installer and the fleet seeder apply it.
 *
 * @param hub        {@code spec.hub}
 * @param tag        {@code spec.tag}, the version installed
 * @param components the enabled components, istiod first
 * @param removed    Deployments of gateways the spec disables
 */
public record ControlPlaneManifest(String hub, String tag, List<Component> components, List<String> removed) {

    /** The istiod Deployment's name and {@code app} label. */
    public static final String ISTIOD = "istiod";
    /** istiod's container. */
    public static final String DISCOVERY_CONTAINER = "discovery";
    /** The label naming the IstioOperator component a control-plane object belongs to. */
    public static final String COMPONENT_LABEL = "operator.istio.io/component";

    /**
     * One Deployment of the control plane.
     *
     * @param status     the component's key in {@code status.componentStatus}: Pilot, IngressGateways, EgressGateways
     * @param name       the Deployment's (and Service's) name
     * @param podLabels  the pods' labels (the Deployment selects on {@code app} and {@code istio})
     * @param container  the main container's name
     * @param image      its image
     * @param replicas   the Deployment's replicas
     */
    public record Component(String status, String name, Map<String, String> podLabels, String container, String image,
                            int replicas) {

        /** The {@code app} label the component's pods carry. */
        public String app() {
            return podLabels.get("app");
        }
    }

    /** A spec this manifest cannot be made from; the installer reports it as status ERROR. */
    public static final class InvalidSpec extends RuntimeException {

        private static final long serialVersionUID = 1L;

        InvalidSpec(String message) {
            super(message);
        }
    }

    /** Defensive copies. */
    public ControlPlaneManifest {
        components = List.copyOf(components);
        removed = List.copyOf(removed);
    }

    /** The manifest of an IstioOperator {@code spec}; {@code fallbackHub} when it names none. */
    public static ControlPlaneManifest of(JsonNode spec, String fallbackHub) {
        String tag = spec.path("tag").asText("");
        if (tag.isEmpty() || tag.contains("/") || tag.contains(" ")) {
            throw new InvalidSpec("spec.tag must name the version to install, got \"" + tag + "\"");
        }
        String hub = spec.path("hub").asText(fallbackHub == null ? "" : fallbackHub);
        if (hub.isEmpty() || hub.contains(" ")) {
            throw new InvalidSpec("spec.hub must name the image registry, got \"" + hub + "\"");
        }
        JsonNode components = spec.path("components");
        List<Component> enabled = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        JsonNode pilot = components.path("pilot");
        if (pilot.path("enabled").asBoolean(true)) {
            enabled.add(new Component("Pilot", ISTIOD, labels(ISTIOD, "pilot", "Pilot", null), DISCOVERY_CONTAINER,
                    hub + "/pilot:" + tag, replicas(pilot.path("k8s"))));
        } else {
            removed.add(ISTIOD);
        }
        gateways(components.path("ingressGateways"), "IngressGateways", "ingressgateway", "istio-ingressgateway",
                hub, tag, enabled, removed);
        gateways(components.path("egressGateways"), "EgressGateways", "egressgateway", "istio-egressgateway",
                hub, tag, enabled, removed);
        return new ControlPlaneManifest(hub, tag, enabled, removed);
    }

    private static void gateways(JsonNode list, String status, String istioLabel, String defaultName, String hub,
                                 String tag, List<Component> enabled, List<String> removed) {
        for (JsonNode gateway : list) {
            String name = gateway.path("name").asText(defaultName);
            if (gateway.path("enabled").asBoolean(false)) {
                enabled.add(new Component(status, name, labels(name, istioLabel, status, gateway.path("label")),
                        "istio-proxy", hub + "/proxyv2:" + tag, replicas(gateway.path("k8s"))));
            } else {
                removed.add(name);
            }
        }
    }

    private static Map<String, String> labels(String app, String istio, String component, JsonNode extra) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app", app);
        labels.put("istio", istio);
        if (extra != null) {
            extra.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        }
        labels.put("istio.io/rev", "default");
        labels.put(COMPONENT_LABEL, component);
        return labels;
    }

    private static int replicas(JsonNode k8s) {
        if (k8s.path("replicaCount").canConvertToInt()) {
            return Math.max(0, k8s.path("replicaCount").asInt());
        }
        if (k8s.path("hpaSpec").path("minReplicas").canConvertToInt()) {
            return Math.max(0, k8s.path("hpaSpec").path("minReplicas").asInt());
        }
        return 1;
    }

    /** The component of a status key, or null. */
    public Component component(String name) {
        for (Component component : components) {
            if (component.name().equals(name)) {
                return component;
            }
        }
        return null;
    }

    /** The Deployment of a component, as istioctl would create it in istio-system. */
    public ObjectNode deployment(Component component) {
        ObjectNode deployment = Json.object().put("apiVersion", "apps/v1").put("kind", "Deployment");
        ObjectNode meta = deployment.putObject("metadata").put("name", component.name())
                .put("namespace", Labels.ISTIO_SYSTEM);
        ObjectNode labels = meta.putObject("labels");
        component.podLabels().forEach(labels::put);
        labels.put("operator.istio.io/version", tag);
        deployment.set("spec", deploymentSpec(component));
        return deployment;
    }

    /** The Deployment spec of a component: replicas, selector, istioctl's surge-everything strategy, template. */
    public ObjectNode deploymentSpec(Component component) {
        ObjectNode spec = Json.object().put("replicas", component.replicas());
        ObjectNode match = spec.putObject("selector").putObject("matchLabels");
        match.put("app", component.app());
        match.put("istio", component.podLabels().get("istio"));
        // Real istiod and gateway Deployments surge 100%: the whole new control plane starts before the old goes.
        spec.putObject("strategy").put("type", "RollingUpdate").putObject("rollingUpdate")
                .put("maxSurge", "100%").put("maxUnavailable", "25%");
        ObjectNode template = spec.putObject("template");
        ObjectNode templateMeta = template.putObject("metadata");
        ObjectNode podLabels = templateMeta.putObject("labels");
        component.podLabels().forEach(podLabels::put);
        templateMeta.putObject("annotations").put(Labels.SIDECAR_INJECT, "false");
        ObjectNode podSpec = template.putObject("spec");
        podSpec.put("serviceAccountName", component.app() + "-service-account");
        ArrayNode containers = podSpec.putArray("containers");
        ObjectNode container = containers.addObject().put("name", component.container())
                .put("image", component.image());
        if (component.container().equals(DISCOVERY_CONTAINER)) {
            container.putArray("args").add("discovery").add("--monitoringAddr=:15014").add("--log_output_level=default:info")
                    .add("--domain").add("cluster.local").add("--keepaliveMaxServerConnectionAge").add("30m");
            ArrayNode ports = container.putArray("ports");
            ports.addObject().put("containerPort", 8080).put("protocol", "TCP");
            ports.addObject().put("containerPort", 15010).put("protocol", "TCP");
            ports.addObject().put("containerPort", 15017).put("protocol", "TCP");
            container.putObject("readinessProbe").put("initialDelaySeconds", 1).put("periodSeconds", 3)
                    .put("timeoutSeconds", 5).putObject("httpGet").put("path", "/ready").put("port", 8080);
        } else {
            container.putArray("args").add("proxy").add("router").add("--domain")
                    .add("$(POD_NAMESPACE).svc.cluster.local").add("--proxyLogLevel=warning");
            ArrayNode ports = container.putArray("ports");
            ports.addObject().put("containerPort", 15021).put("protocol", "TCP");
            ports.addObject().put("containerPort", 8080).put("protocol", "TCP");
            ports.addObject().put("containerPort", 8443).put("protocol", "TCP");
            container.putObject("readinessProbe").put("initialDelaySeconds", 1).put("periodSeconds", 2)
                    .putObject("httpGet").put("path", "/healthz/ready").put("port", 15021);
        }
        return spec;
    }

    /** The Service in front of a component. */
    public ObjectNode service(Component component) {
        ObjectNode service = Json.object().put("apiVersion", "v1").put("kind", "Service");
        ObjectNode meta = service.putObject("metadata").put("name", component.name())
                .put("namespace", Labels.ISTIO_SYSTEM);
        ObjectNode labels = meta.putObject("labels");
        component.podLabels().forEach(labels::put);
        ObjectNode spec = service.putObject("spec");
        ObjectNode selector = spec.putObject("selector");
        selector.put("app", component.app());
        selector.put("istio", component.podLabels().get("istio"));
        ArrayNode ports = spec.putArray("ports");
        if (component.container().equals(DISCOVERY_CONTAINER)) {
            spec.put("type", "ClusterIP");
            ports.addObject().put("name", "grpc-xds").put("port", 15010);
            ports.addObject().put("name", "https-dns").put("port", 15012);
            ports.addObject().put("name", "https-webhook").put("port", 443).put("targetPort", 15017);
            ports.addObject().put("name", "http-monitoring").put("port", 15014);
        } else {
            spec.put("type", "LoadBalancer");
            ports.addObject().put("name", "status-port").put("port", 15021);
            ports.addObject().put("name", "http2").put("port", 80).put("targetPort", 8080);
            ports.addObject().put("name", "https").put("port", 443).put("targetPort", 8443);
        }
        return service;
    }
}
