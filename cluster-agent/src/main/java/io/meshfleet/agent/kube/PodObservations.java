package io.meshfleet.agent.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.meshfleet.agent.model.PodObservation;
import io.meshfleet.events.PodPhase;
import io.meshfleet.events.PodState;
import java.util.List;
import java.util.Map;

/** Reads fabric8 pods into {@link PodObservation}s: READY counts, proxy version, owning workload. */
public final class PodObservations {

    /** The sidecar's (and a gateway's) container. */
    public static final String PROXY_CONTAINER = "istio-proxy";
    /** istiod's container. */
    public static final String DISCOVERY_CONTAINER = "discovery";

    private PodObservations() {
    }

    /** The observation of {@code pod}. */
    public static PodObservation observe(Pod pod) {
        List<Container> containers = pod.getSpec() == null ? List.of() : pod.getSpec().getContainers();
        List<ContainerStatus> statuses = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                ? List.of() : pod.getStatus().getContainerStatuses();
        int ready = (int) statuses.stream().filter(s -> Boolean.TRUE.equals(s.getReady())).count();
        int restarts = statuses.stream().mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount()).sum();
        String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Unknown" : pod.getStatus().getPhase();
        String proxy = imageTag(containers, PROXY_CONTAINER);
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        String controlPlane = "istiod".equals(labels.get("app")) ? imageTag(containers, DISCOVERY_CONTAINER) : null;
        String ownerKind = null;
        String ownerName = null;
        for (OwnerReference owner : pod.getMetadata().getOwnerReferences()) {
            if (Boolean.TRUE.equals(owner.getController())) {
                ownerKind = owner.getKind();
                ownerName = owner.getName();
                String hash = labels.get("pod-template-hash");
                if ("ReplicaSet".equals(ownerKind) && hash != null && ownerName.endsWith("-" + hash)) {
                    ownerKind = "Deployment";
                    ownerName = ownerName.substring(0, ownerName.length() - hash.length() - 1);
                }
            }
        }
        int total = containers.size();
        PodState state = new PodState(pod.getMetadata().getName(), PodPhase.fromKubernetes(phase),
                Math.min(ready, total), total, restarts, proxy, ownerKind, ownerName);
        return new PodObservation(pod.getMetadata().getNamespace(), state, controlPlane, labels);
    }

    private static String imageTag(List<Container> containers, String name) {
        for (Container container : containers) {
            if (name.equals(container.getName()) && container.getImage() != null) {
                String image = container.getImage();
                int at = image.indexOf('@');
                String ref = at >= 0 ? image.substring(0, at) : image;
                int colon = ref.lastIndexOf(':');
                return colon > ref.lastIndexOf('/') ? ref.substring(colon + 1) : null;
            }
        }
        return null;
    }
}
