package io.meshfleet.agent.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshfleet.agent.model.ClusterStateBuilder;
import io.meshfleet.agent.model.PodObservation;
import io.meshfleet.events.ClusterKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what preflight and installs need from one cluster: its kind, its labels, what the agent may do
 * (SelfSubjectAccessReview), the control-plane pods and the {@code installed-state} IstioOperator.
 *
 * <p>How a cluster says what it is: the label {@value #CLUSTER_KIND_LABEL} on namespace {@code kube-system},
 * {@code admin} or {@code user}. An operator marks an admin cluster with
 * {@code kubectl label namespace kube-system meshfleet.io/cluster-kind=admin}. A cluster without the label is
 * treated as an admin cluster (refused) until someone marks it {@code user}: installing on an admin cluster is
 * the one mistake the procedure must never make. Plan labels are the other {@code meshfleet.io/*} labels of
 * {@code kube-system}, prefix removed ({@code meshfleet.io/region=eu-west} becomes {@code region=eu-west}).
 */
public final class ClusterInspector {

    /** The label on kube-system that says whether a cluster is an admin or a user cluster. */
    public static final String CLUSTER_KIND_LABEL = "meshfleet.io/cluster-kind";
    private static final String LABEL_PREFIX = "meshfleet.io/";
    /** The IstioOperator that istioctl writes with what it applied. */
    public static final String INSTALLED_STATE = "installed-state";
    static final String ISTIO_OPERATOR_API = "install.istio.io/v1alpha1";
    static final String ISTIO_OPERATOR_KIND = "IstioOperator";

    /**
     * The kind of a cluster as its kube-system labels declare it.
     *
     * @param kind     the kind: ADMIN unless declared {@code user}
     * @param declared whether the label was present and valid
     * @param value    the label's value, or null
     */
    public record Kind(ClusterKind kind, boolean declared, String value) {
    }

    /**
     * One permission the agent needs.
     *
     * @param verb      e.g. create
     * @param group     API group, "" for core
     * @param resource  e.g. deployments
     * @param namespace namespace, or null for cluster-wide
     */
    public record Permission(String verb, String group, String resource, String namespace) {
        @Override
        public String toString() {
            return verb + " " + (group.isEmpty() ? "" : group + "/") + resource
                    + (namespace == null ? " (cluster-wide)" : " in " + namespace);
        }
    }

    private final KubernetesClient client;

    public ClusterInspector(KubernetesClient client) {
        this.client = client;
    }

    /** The kind declared on kube-system. */
    public Kind kind() {
        return kindOf(kubeSystemLabels());
    }

    /** The kind that kube-system's {@code labels} declare. */
    public static Kind kindOf(Map<String, String> labels) {
        String value = labels.get(CLUSTER_KIND_LABEL);
        if ("user".equals(value)) {
            return new Kind(ClusterKind.USER, true, value);
        }
        return new Kind(ClusterKind.ADMIN, "admin".equals(value), value);
    }

    /** The plan labels declared on kube-system. */
    public Map<String, String> labels() {
        return planLabels(kubeSystemLabels());
    }

    /** The plan labels among kube-system's {@code kubeSystemLabels}. */
    public static Map<String, String> planLabels(Map<String, String> kubeSystemLabels) {
        Map<String, String> labels = new LinkedHashMap<>();
        kubeSystemLabels.forEach((key, value) -> {
            if (key.startsWith(LABEL_PREFIX) && !key.equals(CLUSTER_KIND_LABEL)) {
                labels.put(key.substring(LABEL_PREFIX.length()), value);
            }
        });
        return labels;
    }

    private Map<String, String> kubeSystemLabels() {
        Namespace kubeSystem = client.namespaces().withName("kube-system").get();
        if (kubeSystem == null || kubeSystem.getMetadata().getLabels() == null) {
            return Map.of();
        }
        return kubeSystem.getMetadata().getLabels();
    }

    /** Whether the agent's identity may do {@code permission}, by SelfSubjectAccessReview; the reason when not. */
    public Optional<String> denied(Permission permission) {
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec()
                .withResourceAttributes(new ResourceAttributesBuilder().withVerb(permission.verb())
                        .withGroup(permission.group()).withResource(permission.resource())
                        .withNamespace(permission.namespace()).build())
                .endSpec().build();
        SelfSubjectAccessReview answer = client.authorization().v1().selfSubjectAccessReview().create(review);
        if (answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed())) {
            return Optional.empty();
        }
        String reason = answer.getStatus() == null ? null : answer.getStatus().getReason();
        return Optional.of(reason == null || reason.isBlank() ? "not allowed" : reason);
    }

    /** The pods of istio-system. */
    public List<PodObservation> controlPlanePods() {
        return client.pods().inNamespace(ClusterStateBuilder.CONTROL_PLANE_NAMESPACE).list().getItems().stream()
                .map(PodObservations::observe).toList();
    }

    /** The spec of the {@code installed-state} IstioOperator, empty when there is none. */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> installedStateSpec() {
        GenericKubernetesResource installed = client.genericKubernetesResources(ISTIO_OPERATOR_API, ISTIO_OPERATOR_KIND)
                .inNamespace(ClusterStateBuilder.CONTROL_PLANE_NAMESPACE).withName(INSTALLED_STATE).get();
        if (installed == null || !(installed.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec)) {
            return Optional.empty();
        }
        return Optional.of((Map<String, Object>) spec);
    }
}
