package io.meshfleet.sim.controllers;

/** The well-known label and annotation keys the simulated controllers read and write, as the real ones do. */
public final class Labels {

    /** ReplicaSet and pod label naming the template revision a Deployment made them from. */
    public static final String POD_TEMPLATE_HASH = "pod-template-hash";
    /** StatefulSet and DaemonSet pod label naming their template revision. */
    public static final String CONTROLLER_REVISION_HASH = "controller-revision-hash";
    /** StatefulSet pod label carrying the pod's own name. */
    public static final String STATEFUL_SET_POD_NAME = "statefulset.kubernetes.io/pod-name";
    /** StatefulSet pod label carrying the ordinal. */
    public static final String POD_INDEX = "apps.kubernetes.io/pod-index";
    /** DaemonSet pod label carrying the DaemonSet's generation when the pod was made. */
    public static final String POD_TEMPLATE_GENERATION = "pod-template-generation";
    /** Job pod label. */
    public static final String JOB_NAME = "batch.kubernetes.io/job-name";
    /** Job pod label (legacy spelling, still written). */
    public static final String LEGACY_JOB_NAME = "job-name";
    /** Deployment and ReplicaSet annotation: the rollout revision. */
    public static final String REVISION = "deployment.kubernetes.io/revision";
    /** ReplicaSet annotation: the Deployment's replicas when the ReplicaSet was last scaled. */
    public static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    /** ReplicaSet annotation: replicas plus surge. */
    public static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
    /** Template annotation {@code kubectl rollout restart} sets. */
    public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    /** Namespace label turning sidecar injection on ({@code enabled}). */
    public static final String ISTIO_INJECTION = "istio-injection";
    /** Pod annotation opting a pod out of injection ({@code "false"}). */
    public static final String SIDECAR_INJECT = "sidecar.istio.io/inject";
    /** Pod annotation the injector writes: what it injected (JSON). */
    public static final String SIDECAR_STATUS = "sidecar.istio.io/status";
    /** The injected proxy container. */
    public static final String PROXY_CONTAINER = "istio-proxy";
    /** The injected init container. */
    public static final String PROXY_INIT_CONTAINER = "istio-init";

    /** The namespace of the control plane. */
    public static final String ISTIO_SYSTEM = "istio-system";
    /** The IstioOperator the release's istioctl writes. */
    public static final String MESHFLEET_INSTALL = "meshfleet-install";
    /** The IstioOperator recording what is installed (written, never reconciled). */
    public static final String INSTALLED_STATE = "installed-state";
    /** IstioOperator annotation: istioctl's request id. */
    public static final String REQUEST_ID = "install.meshfleet.io/request-id";
    /** Annotation real istioctl puts on installed-state so an in-cluster operator leaves it alone. */
    public static final String IGNORE_RECONCILE = "install.istio.io/ignoreReconcile";

    /**
     * Label on the {@code kube-system} namespace saying what a simulated cluster is: {@code admin} (GKE on VMware's
     * admin cluster, never to be changed) or {@code user}.
     */
    public static final String CLUSTER_KIND = "meshfleet.io/cluster-kind";

    /** Prefix of the labels on {@code kube-system} that carry a cluster's scenario labels ({@code env: prod} becomes {@code meshfleet.io/env=prod}). */
    public static final String MESHFLEET_PREFIX = "meshfleet.io/";

    private Labels() {
    }
}
