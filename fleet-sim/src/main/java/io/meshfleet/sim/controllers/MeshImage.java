package io.meshfleet.sim.controllers;

import static io.meshfleet.sim.store.BuiltInResources.DEPLOYMENTS;
import static io.meshfleet.sim.store.BuiltInResources.PODS;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.sim.store.ClusterStore;
import io.meshfleet.sim.store.Selector;
import io.meshfleet.sim.store.StoredObject;
import java.util.Optional;

/**
 * The control plane a cluster runs now, as the sidecar injector sees it: the hub and version of the newest Running
 * and Ready istiod (the one serving the injection webhook), else of the istiod Deployment's template.
 *
 * @param hub     the image registry, e.g. {@code gcr.io/gke-release/asm}
 * @param version the image tag, e.g. {@code 1.6.14-asm.1}
 */
public record MeshImage(String hub, String version) {

    private static final Selector ISTIOD = Selector.labels("app=" + ControlPlaneManifest.ISTIOD);

    /** The proxy image the injector stamps into pods: {@code <hub>/proxyv2:<version>}. */
    public String proxyImage() {
        return hub + "/proxyv2:" + version;
    }

    /** Parses {@code <hub>/<name>:<tag>}; empty when the reference has no hub or no tag. */
    public static Optional<MeshImage> parse(String image) {
        String tag = PodView.tagOf(image);
        int slash = image.lastIndexOf('/');
        if (tag.isEmpty() || slash <= 0) {
            return Optional.empty();
        }
        return Optional.of(new MeshImage(image.substring(0, slash), tag));
    }

    /** The control plane of the cluster now, or empty when it has none. */
    public static Optional<MeshImage> current(ClusterStore store) {
        return current(store, new PodViews());
    }

    /** {@link #current(ClusterStore)}, parsing istiod's pods through a cache. */
    static Optional<MeshImage> current(ClusterStore store, PodViews views) {
        PodView newest = null;
        for (StoredObject object : store.list(PODS, Labels.ISTIO_SYSTEM, ISTIOD).items()) {
            if (object.terminating()) {
                continue;
            }
            PodView pod = views.of(object);
            if (pod.ready() && pod.phase().equals("Running")
                    && (newest == null || pod.created().isAfter(newest.created())
                    || pod.created().equals(newest.created()) && pod.name().compareTo(newest.name()) > 0)) {
                newest = pod;
            }
        }
        if (newest != null) {
            return parse(newest.image(ControlPlaneManifest.DISCOVERY_CONTAINER));
        }
        return store.find(DEPLOYMENTS, Labels.ISTIO_SYSTEM, ControlPlaneManifest.ISTIOD)
                .flatMap(deployment -> {
                    for (JsonNode c : deployment.node().path("spec").path("template").path("spec").path("containers")) {
                        if (c.path("name").asText().equals(ControlPlaneManifest.DISCOVERY_CONTAINER)) {
                            return parse(c.path("image").asText(""));
                        }
                    }
                    return Optional.empty();
                });
    }
}
